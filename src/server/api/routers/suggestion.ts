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
let held = 0;

/**
 * Every preview counts against its address's limit, whatever its text, and before the text is validated: a
 * client sending previews back to back (refused shapes included, which cost almost nothing each) is held to
 * the limit. Past it, the refusal comes after a second (no CPU is spent waiting, and at most
 * PREVIEW_TARPIT.held are held), so a loop of requests slows to one a second instead of taking a core.
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
    if (error instanceof TRPCError && error.code === "TOO_MANY_REQUESTS" && held < PREVIEW_TARPIT.held) {
      held++;
      await new Promise((resolve) => setTimeout(resolve, PREVIEW_TARPIT.ms)).finally(() => held--);
    }
    throw error;
  }
  return next();
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
