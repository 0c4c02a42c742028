import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getQuizBank } from "../../quiz/bank";
import { progressSchema } from "@/lib/quiz/progress-schema";
import { syncProgress } from "../../quiz/progress";
import { markReviewed, reviewQueue } from "../../quiz/review";
import { createTRPCRouter, moderatorProcedure, protectedProcedure } from "../trpc";

const localeInput = z.object({ locale: z.enum(["en", "uk"]) });
const idInput = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export const quizRouter = createTRPCRouter({
  /** A signed-in learner's progress: this device's sent, the merge of every device's returned. */
  syncProgress: protectedProcedure.input(progressSchema).mutation(({ ctx, input }) => syncProgress(ctx.db, ctx.user.id, input)),

  /** Quiz items whose cited section changed since they were written: moderators check and clear them. */
  reviewQueue: moderatorProcedure.input(localeInput).query(async ({ ctx, input }) => {
    const [rows, bank] = await Promise.all([reviewQueue(ctx.db), getQuizBank()]);
    return rows.map((r) => {
      const item = bank.items[input.locale].find((i) => i.id === r.id);
      return { ...r, prompt: item?.prompt ?? r.id, heading: item?.section.heading ?? r.section, anchor: item?.section.anchor ?? r.section };
    });
  }),

  markReviewed: moderatorProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    if (!(await markReviewed(ctx.db, input.id))) throw new TRPCError({ code: "NOT_FOUND", message: "That item is not waiting for review." });
    return { id: input.id };
  }),
});
