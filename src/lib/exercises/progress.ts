/**
 * A learner's progress on the exercises, in the browser and (signed in) in the account: per exercise,
 * started or done, whether the solution was shown, how many hints were taken. Two copies merge without
 * losing anything: done wins over started, a shown solution stays shown, the most hints count.
 */
import * as z from "zod/mini";

export const EXERCISE_STORAGE_KEY = "overlay-lab:exercises";
const MAX_EXERCISES = 200;

const iso = z.iso.datetime();
export const exerciseProgressSchema = z.strictObject({
  status: z.enum(["started", "done"]),
  solutionShown: z.boolean(),
  hints: z.int().check(z.minimum(0), z.maximum(100)),
  at: iso,
});
export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;

const slug = z.string().check(z.regex(/^[a-z0-9-]{1,80}$/));
export const exercisesProgressSchema = z.strictObject({
  app: z.literal("overlay-lab-exercises"),
  version: z.literal(1),
  exercises: z.record(slug, exerciseProgressSchema).check(z.refine((r) => Object.keys(r).length <= MAX_EXERCISES, "too many exercises")),
});
export type ExercisesProgress = z.infer<typeof exercisesProgressSchema>;

export const emptyExercisesProgress = (): ExercisesProgress => ({ app: "overlay-lab-exercises", version: 1, exercises: {} });

/** What the index shows: not started, in progress, done (with or without the solution). */
export type ExerciseState = "new" | "started" | "done" | "doneWithSolution";

export function exerciseState(p: ExercisesProgress, slug: string): ExerciseState {
  const e = p.exercises[slug];
  if (!e) return "new";
  if (e.status === "started") return "started";
  return e.solutionShown ? "doneWithSolution" : "done";
}

type Change = Partial<Pick<ExerciseProgress, "solutionShown" | "hints">> & { done?: boolean };

/** Records a change to one exercise (it is started by then); never takes anything back. */
export function recordExercise(p: ExercisesProgress, slug: string, change: Change, now: Date = new Date()): ExercisesProgress {
  const prev = p.exercises[slug] ?? { status: "started", solutionShown: false, hints: 0, at: now.toISOString() };
  const next: ExerciseProgress = {
    status: change.done || prev.status === "done" ? "done" : "started",
    solutionShown: prev.solutionShown || (change.solutionShown ?? false),
    hints: Math.max(prev.hints, change.hints ?? 0),
    at: now.toISOString(),
  };
  if (next.status === prev.status && next.solutionShown === prev.solutionShown && next.hints === prev.hints && p.exercises[slug]) return p;
  return { ...p, exercises: { ...p.exercises, [slug]: next } };
}

export function mergeExercisesProgress(a: ExercisesProgress, b: ExercisesProgress): ExercisesProgress {
  const exercises = { ...a.exercises };
  for (const [slug, x] of Object.entries(b.exercises)) {
    const y = exercises[slug];
    exercises[slug] = y
      ? {
          status: x.status === "done" || y.status === "done" ? "done" : "started",
          solutionShown: x.solutionShown || y.solutionShown,
          hints: Math.max(x.hints, y.hints),
          at: x.at > y.at ? x.at : y.at,
        }
      : x;
  }
  return { ...a, exercises };
}

/** Saved progress read back: validated, or empty (and flagged) when it does not parse. */
export function parseExercisesProgress(raw: string | null): { progress: ExercisesProgress; discarded: boolean } {
  if (raw === null) return { progress: emptyExercisesProgress(), discarded: false };
  try {
    const parsed = exercisesProgressSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { progress: parsed.data, discarded: false } : { progress: emptyExercisesProgress(), discarded: true };
  } catch {
    return { progress: emptyExercisesProgress(), discarded: true };
  }
}
