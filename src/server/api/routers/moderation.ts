import { listAudit } from "../../services/audit";
import { approve, getForModeration, queue, reject } from "../../services/moderation";
import { approveInput, auditInput, moderationGetInput, queueInput, rejectInput } from "../schemas/moderation";
import { createTRPCRouter, moderatorProcedure } from "../trpc";
import { revalidatePublicPages } from "./revalidate";

/** Every procedure here checks the moderator (or admin) role on the server. */
export const moderationRouter = createTRPCRouter({
  queue: moderatorProcedure.input(queueInput).query(({ ctx, input }) => queue(ctx.db, input)),

  get: moderatorProcedure.input(moderationGetInput).query(({ ctx, input }) => getForModeration(ctx.db, input.id)),

  approve: moderatorProcedure.input(approveInput).mutation(async ({ ctx, input }) => {
    const result = await approve(ctx.db, ctx.user, input);
    await revalidatePublicPages(result.revisionId);
    return result;
  }),

  reject: moderatorProcedure.input(rejectInput).mutation(({ ctx, input }) => reject(ctx.db, ctx.user, input)),

  audit: moderatorProcedure.input(auditInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
});
