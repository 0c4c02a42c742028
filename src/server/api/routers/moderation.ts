import { after } from "next/server";
import { env } from "@/env";
import { listAudit } from "../../services/audit";
import { sendDecisionMail } from "../../services/decision-mail";
import { approve, getForModeration, queue, reject } from "../../services/moderation";
import { approveInput, auditInput, moderationGetInput, queueInput, rejectInput } from "../schemas/moderation";
import { createTRPCRouter, moderatorProcedure, type Context } from "../trpc";
import { revalidatePublicPages } from "./revalidate";

/** The app's public address for links in emails: BETTER_AUTH_URL, else the (origin-checked) moderator's request. */
function publicBaseUrl(headers: Headers): string {
  const configured = env().BETTER_AUTH_URL;
  if (configured) return configured;
  const origin = headers.get("origin");
  if (origin && /^https?:\/\/[^/\s]+$/.test(origin)) return origin;
  return `http://${headers.get("host") ?? "localhost:3000"}`;
}

/**
 * Emails the author after the response (Next's `after`), so a slow mail server never holds up the
 * moderator; outside a request (tests, scripts) it runs at once, unawaited. It never throws.
 */
function emailDecision(ctx: Context, id: number): void {
  const task = () => sendDecisionMail(ctx.db, id, { baseUrl: publicBaseUrl(ctx.headers) }).catch((e: unknown) => console.warn("mail:", e));
  try {
    after(task);
  } catch {
    void task();
  }
}

/** Every procedure here checks the moderator (or admin) role on the server. */
export const moderationRouter = createTRPCRouter({
  queue: moderatorProcedure.input(queueInput).query(({ ctx, input }) => queue(ctx.db, input)),

  get: moderatorProcedure.input(moderationGetInput).query(({ ctx, input }) => getForModeration(ctx.db, input.id)),

  approve: moderatorProcedure.input(approveInput).mutation(async ({ ctx, input }) => {
    const result = await approve(ctx.db, ctx.user, input);
    await revalidatePublicPages(result.revisionId);
    emailDecision(ctx, input.id);
    return result;
  }),

  reject: moderatorProcedure.input(rejectInput).mutation(async ({ ctx, input }) => {
    const result = await reject(ctx.db, ctx.user, input);
    emailDecision(ctx, input.id);
    return result;
  }),

  audit: moderatorProcedure.input(auditInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
});
