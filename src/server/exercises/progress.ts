/**
 * A signed-in learner's exercise progress in Postgres, one row per exercise. Each device sends its whole
 * progress; the server merges it with the rows it has (done wins, a shown solution stays shown, the most
 * hints count), stores the result and returns it, so every device converges. The user's rows are locked
 * for the merge, so two devices syncing at once cannot overwrite each other.
 */
import { eq, sql } from "drizzle-orm";
import { emptyExercisesProgress, mergeExercisesProgress, type ExercisesProgress } from "@/lib/exercises/progress";
import type { Db } from "../db/client";
import { exerciseProgress, user } from "../db/schema";

export async function syncExerciseProgress(db: Db, userId: string, incoming: ExercisesProgress): Promise<ExercisesProgress> {
  return db.transaction(async (tx) => {
    // The user's row serialises concurrent syncs (their exercise rows may not exist yet).
    await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).for("update");
    const rows = await tx.select().from(exerciseProgress).where(eq(exerciseProgress.userId, userId));
    const stored: ExercisesProgress = {
      ...emptyExercisesProgress(),
      exercises: Object.fromEntries(
        rows.map((r) => [r.slug, { status: r.status === "done" ? "done" : "started", solutionShown: r.solutionShown, hints: r.hints, at: r.at.toISOString() }] as const),
      ),
    };
    const merged = mergeExercisesProgress(stored, incoming);
    const values = Object.entries(merged.exercises).map(([slug, e]) => ({ userId, slug, status: e.status, solutionShown: e.solutionShown, hints: e.hints, at: new Date(e.at) }));
    if (values.length > 0) {
      await tx
        .insert(exerciseProgress)
        .values(values)
        .onConflictDoUpdate({
          target: [exerciseProgress.userId, exerciseProgress.slug],
          set: {
            status: sql`excluded.status`,
            solutionShown: sql`excluded.solution_shown`,
            hints: sql`excluded.hints`,
            at: sql`excluded.at`,
            updatedAt: sql`now()`,
          },
        });
    }
    return merged;
  });
}
