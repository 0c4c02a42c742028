import { TRPCError } from "@trpc/server";
import { tryRenderDocument, type RenderFailure } from "@/lib/markdown";
import { enforce, hashIp, RATE_LIMITS } from "../../services/rate-limit";
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

export const suggestionRouter = createTRPCRouter({
  /** Anyone may suggest (anonymous contributors are rate-limited by IP). Idempotent by clientKey. */
  submit: publicProcedure
    .input(submitInput)
    .mutation(({ ctx, input }) => submitSuggestion(ctx.db, { user: ctx.user, ip: ctx.ip }, input)),

  /** Markdown rendered exactly as the question page renders it (the same sanitizing pipeline). */
  preview: publicProcedure.input(previewInput).mutation(async ({ ctx, input }) => {
    await enforce(ctx.db, [
      {
        key: `preview:ip:${hashIp(ctx.ip)}`,
        limit: RATE_LIMITS.previewsPerMinute,
        windowSeconds: 60,
        message: "Too many previews in a minute.",
      },
    ]);
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
