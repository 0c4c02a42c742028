import { compare, history, questionBySlug, rollback } from "../../services/revisions";
import { getTranslationStatus } from "../../services/translations";
import { compareInput, historyInput, rollbackInput, translationStatusInput } from "../schemas/revision";
import { createTRPCRouter, moderatorProcedure, publicProcedure } from "../trpc";
import { revalidatePublicPages } from "./revalidate";

export const revisionRouter = createTRPCRouter({
  /** Published history is public, like the page itself. */
  history: publicProcedure.input(historyInput).query(({ ctx, input }) => history(ctx.db, input)),

  compare: publicProcedure
    .input(compareInput)
    .query(({ ctx, input }) => compare(ctx.db, input.fromRevisionId, input.toRevisionId)),

  /** Which fields of this locale need updating after changes in the other locale. */
  translationStatus: publicProcedure.input(translationStatusInput).query(async ({ ctx, input }) => {
    const q = await questionBySlug(ctx.db, input.questionSlug);
    return getTranslationStatus(ctx.db, q.id, input.locale);
  }),

  /** Publishes a new revision copying an old one. */
  rollback: moderatorProcedure.input(rollbackInput).mutation(async ({ ctx, input }) => {
    const result = await rollback(ctx.db, ctx.user, input);
    await revalidatePublicPages(result.revisionId);
    return result;
  }),
});
