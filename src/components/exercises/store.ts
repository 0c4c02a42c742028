"use client";

/** The learner's exercise progress in this browser, synced to the account when signed in. */
import { useEffect } from "react";
import { fetchSession } from "@/components/auth/session";
import { createProgressStore, startProgressSync } from "@/components/progress/local-store";
import { emptyExercisesProgress, EXERCISE_STORAGE_KEY, mergeExercisesProgress, parseExercisesProgress, type ExercisesProgress } from "@/lib/exercises/progress";

export const exerciseProgress = createProgressStore<ExercisesProgress>({
  key: EXERCISE_STORAGE_KEY,
  empty: emptyExercisesProgress(),
  parse: parseExercisesProgress,
  merge: mergeExercisesProgress,
});

/** Signed in: progress follows the account across devices (merged, never overwritten). */
export function useExerciseSync() {
  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    void fetchSession()
      .then(async (session) => {
        if (!session || cancelled) return;
        const [{ createTRPCClient, httpBatchLink }, { default: superjson }] = await Promise.all([import("@trpc/client"), import("superjson")]);
        if (cancelled) return;
        const client = createTRPCClient<import("@/server/api/root").AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] });
        stop = startProgressSync(exerciseProgress, (p) => client.exercises.syncProgress.mutate(p));
      })
      .catch(() => {});
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
}
