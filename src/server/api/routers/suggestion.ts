import { env } from "@/env";
import { TRPCError } from "@trpc/server";
import { tryRenderDocument, type RenderFailure } from "@/lib/markdown";
import { enforce, hashIp } from "../../services/rate-limit";
import {
  claimSuggestions,
  getSuggestion,
  mySuggestions,
  resubmitSuggestion,
  submitSuggestion,
} from "../../services/suggestions";
import { claimInput, getSuggestionInput, mineInput, previewInput, resubmitInput, submitInput } from "../schemas/suggestion";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

/** Why a preview could not be rendered, and what to do about it. */
const PREVIEW_FAILED: Record<RenderFailure, string> = {
  "too-deep": "This text nests too deeply to render; flatten its quotes, lists or emphasis.",
  "too-slow": "This text takes too long to render; split long paragraphs and simplify repeated formatting.",
  "too-large": "This text renders to too much HTML; shorten it.",
  busy: "Previews are busy right now; try again in a few seconds.",
  failed: "This text could not be rendered; simplify its formatting and try again.",
};

/** How long a client over the preview limit waits for its refusal, and how many such waits are held at once. */
export const PREVIEW_TARPIT = { ms: 1_000, held: 64 };
/**
 * Refused previews an address may have in a minute before each further refusal comes after a pause. A person
 * fixing a text sees a refusal at once, and a few more; a client sending hostile texts back to back (they
 * cost little to refuse, but they keep the main thread busy) is slowed to about three a second. Counted per
 * process, as a hint: the per-minute limit above is the one every instance shares.
 */
export const PREVIEW_REFUSALS = { free: 5, windowMs: 60_000, pauseMs: 300, addresses: 10_000 };
const refusals = new Map<string, { count: number; since: number }>();

/** Counts a refused preview from `address`; true once it is past the free ones in the current minute. */
function refusedOften(address: string, now = Date.now()): boolean {
  const seen = refusals.get(address);
  if (!seen || now - seen.since > PREVIEW_REFUSALS.windowMs) {
    if (refusals.size >= PREVIEW_REFUSALS.addresses) refusals.delete(refusals.keys().next().value!);
    refusals.set(address, { count: 1, since: now });
    return false;
  }
  seen.count++;
  return seen.count > PREVIEW_REFUSALS.free;
}

let held = 0;

/** Waits `ms` without holding anything but a timer; past PREVIEW_TARPIT.held waits at once, answers at once. */
async function pause(ms: number): Promise<void> {
  if (held >= PREVIEW_TARPIT.held) return;
  held++;
  await new Promise((resolve) => setTimeout(resolve, ms)).finally(() => held--);
}

/**
 * Every preview counts against its address's limit, whatever its text, and before the text is validated: a
 * client sending previews back to back (refused shapes included, which cost almost nothing each) is held to
 * the limit. Past it, the refusal comes after a second (no CPU is spent waiting, and at most
 * PREVIEW_TARPIT.held are held), so a loop of requests slows to one a second instead of taking a core. Past
 * PREVIEW_REFUSALS.free refused texts in a minute, each further refusal is answered after a pause.
 */
const previewLimited = publicProcedure.use(async ({ ctx, next }) => {
  try {
    await enforce(ctx.db, [
      {
        key: `preview:ip:${hashIp(ctx.ip)}`,
        limit: env().PREVIEWS_PER_MINUTE,
        windowSeconds: 60,
        message: "Too many previews in a minute.",
      },
    ]);
  } catch (error) {
    if (error instanceof TRPCError && error.code === "TOO_MANY_REQUESTS") await pause(PREVIEW_TARPIT.ms);
    throw error;
  }
  const result = await next();
  if (!result.ok && result.error.code === "BAD_REQUEST" && refusedOften(hashIp(ctx.ip))) await pause(PREVIEW_REFUSALS.pauseMs);
  return result;
});

export const suggestionRouter = createTRPCRouter({
  /** Anyone may suggest (anonymous contributors are rate-limited by IP). Idempotent by clientKey. */
  submit: publicProcedure
    .input(submitInput)
    .mutation(({ ctx, input }) => submitSuggestion(ctx.db, { user: ctx.user, ip: ctx.ip }, input)),

  /** Markdown rendered exactly as the question page renders it (the same sanitizing pipeline). */
  preview: previewLimited.input(previewInput).mutation(async ({ input }) => {
    const outcome = await tryRenderDocument(input.markdown);
    if (!outcome.ok) {
      const busy = outcome.reason === "busy";
      throw new TRPCError({ code: busy ? "TOO_MANY_REQUESTS" : "BAD_REQUEST", message: PREVIEW_FAILED[outcome.reason] });
    }
    return { html: outcome.html };
  }),

  /** The signed-in contributor's suggestions with status and the moderator's reason. */
  mine: protectedProcedure.input(mineInput).query(({ ctx, input }) => mySuggestions(ctx.db, ctx.user.id, input)),

  /** One suggestion, for its author (or whoever holds its clientKey) and moderators. */
  get: publicProcedure
    .input(getSuggestionInput)
    .query(({ ctx, input }) => getSuggestion(ctx.db, { user: ctx.user, ip: ctx.ip }, input)),

  /** Anonymous suggestions sent from this browser become the signed-in account's (proved by their keys). */
  claim: protectedProcedure
    .input(claimInput)
    .mutation(async ({ ctx, input }) => ({ claimed: await claimSuggestions(ctx.db, ctx.user, input.clientKeys) })),

  /** Revise a rejected suggestion and send it again (signed-in authors). */
  resubmit: protectedProcedure.input(resubmitInput).mutation(({ ctx, input }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED" });
    return resubmitSuggestion(ctx.db, { user: ctx.user, ip: ctx.ip }, input);
  }),
});
