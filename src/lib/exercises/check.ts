/**
 * Runs an exercise's goals and fail checks on the world and the observations. A step, once its goal
 * has held, stays done (a drained node that comes back does not undo "drain it"); the record of done
 * steps belongs to one run of the exercise and starts again with a reset.
 */
import type { CheckInput, ExerciseDef, ExerciseStatus, StepStatus } from "./types";

export interface Checker {
  /** Checks now; `explain` adds what was found for each step not done (the "Check" button). */
  check(input: CheckInput, explain?: boolean): ExerciseStatus;
  /** Forgets the done steps (reset, or a replay that rebuilds them). */
  reset(): void;
}

export function createChecker(def: ExerciseDef): Checker {
  let done = new Set<string>();
  return {
    reset() {
      done = new Set();
    },
    check(input, explain = false) {
      const steps: StepStatus[] = def.steps.map((step) => {
        if (done.has(step.id) && !explain) return { id: step.id, done: true };
        const result = safe(() => step.goal(input), { ok: false, found: "error" } as const);
        if (result.ok || done.has(step.id)) {
          done.add(step.id);
          return { id: step.id, done: true };
        }
        return explain ? { id: step.id, done: false, found: { key: result.found, values: result.values } } : { id: step.id, done: false };
      });
      const fails = def.failChecks.filter((f) => safe(() => f.when(input), false)).map((f) => f.id);
      return { slug: def.slug, steps, fails, complete: steps.every((s) => s.done) };
    },
  };
}

/** A predicate that throws on an unexpected world is simply not met (the check must never break the lab). */
function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
