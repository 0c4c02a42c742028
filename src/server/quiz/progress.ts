/**
 * A signed-in learner's progress in Postgres. Each device sends its whole progress; the server merges it
 * with what it has (the same merge as importing a file: no review lost, none doubled), stores the result
 * and returns it, so every device converges on the union. The row is locked for the merge, so two devices
 * syncing at once cannot overwrite each other.
 */
import { eq, sql } from "drizzle-orm";
import { mergeProgress } from "@/lib/quiz/progress";
import { progressSchema, type Progress } from "@/lib/quiz/progress-schema";
import type { Db } from "../db/client";
import { quizProgress } from "../db/schema";

export async function syncProgress(db: Db, userId: string, incoming: Progress): Promise<Progress> {
  return db.transaction(async (tx) => {
    // A row to lock even on the first sync (the empty upsert is a no-op when it exists).
    await tx.insert(quizProgress).values({ userId, data: incoming }).onConflictDoNothing();
    const [row] = await tx.select().from(quizProgress).where(eq(quizProgress.userId, userId)).for("update");
    const stored = progressSchema.safeParse(row.data);
    const merged = stored.success ? mergeProgress(stored.data, incoming) : incoming;
    await tx.update(quizProgress).set({ data: merged, updatedAt: sql`now()` }).where(eq(quizProgress.userId, userId));
    return merged;
  });
}
