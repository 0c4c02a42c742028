import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getQuestion, listQuestions } from "../../services/questions";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const localeInput = z.enum(["en", "uk"]);
export const slugInput = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "A slug has lowercase letters, digits and single dashes.");

export const questionRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.object({ locale: localeInput }))
    .query(({ ctx, input }) => listQuestions(ctx.db, input.locale)),

  bySlug: publicProcedure
    .input(z.object({ locale: localeInput, slug: slugInput }))
    .query(async ({ ctx, input }) => {
      const page = await getQuestion(ctx.db, input.slug, input.locale);
      if (!page) throw new TRPCError({ code: "NOT_FOUND", message: `No question "${input.slug}".` });
      return page;
    }),
});
