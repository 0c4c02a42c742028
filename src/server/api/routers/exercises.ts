import { exercisesProgressSchema } from "@/lib/exercises/progress";
import { syncExerciseProgress } from "../../exercises/progress";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const exercisesRouter = createTRPCRouter({
  /** A signed-in learner's exercise progress: this device's sent, the merge of every device's returned. */
  syncProgress: protectedProcedure.input(exercisesProgressSchema).mutation(({ ctx, input }) => syncExerciseProgress(ctx.db, ctx.user.id, input)),
});
