import { describe, expect, it } from "vitest";
import { emptyExercisesProgress, EXERCISE_STORAGE_KEY, exerciseState, mergeExercisesProgress, parseExercisesProgress, recordExercise } from "./progress";

const at = (d: number) => new Date(Date.UTC(2026, 11, d, 10));

describe("exercise progress", () => {
  it("goes from not started to started to done, and remembers a shown solution", () => {
    let p = emptyExercisesProgress();
    expect(exerciseState(p, "x")).toBe("new");
    p = recordExercise(p, "x", { hints: 1 }, at(1));
    expect(exerciseState(p, "x")).toBe("started");
    p = recordExercise(p, "x", { done: true }, at(2));
    expect(exerciseState(p, "x")).toBe("done");
    p = recordExercise(p, "x", { solutionShown: true }, at(3));
    expect(exerciseState(p, "x")).toBe("doneWithSolution");
    // Nothing is taken back: fewer hints or "not done" later change nothing.
    expect(recordExercise(p, "x", { hints: 0, done: false }, at(4))).toBe(p);
  });

  it("merges two copies without losing either's progress, whichever comes first", () => {
    const a = recordExercise(emptyExercisesProgress(), "x", { done: true, hints: 1 }, at(1));
    const b = recordExercise(recordExercise(emptyExercisesProgress(), "x", { solutionShown: true, hints: 3 }, at(2)), "y", {}, at(2));
    for (const m of [mergeExercisesProgress(a, b), mergeExercisesProgress(b, a)]) {
      expect(m.exercises.x).toEqual({ status: "done", solutionShown: true, hints: 3, at: at(2).toISOString() });
      expect(m.exercises.y.status).toBe("started");
    }
  });

  it("reads back only valid saved progress", () => {
    expect(EXERCISE_STORAGE_KEY).toBe("overlay-lab:exercises");
    const p = recordExercise(emptyExercisesProgress(), "x", { done: true }, at(1));
    expect(parseExercisesProgress(JSON.stringify(p))).toEqual({ progress: p, discarded: false });
    expect(parseExercisesProgress(null)).toEqual({ progress: emptyExercisesProgress(), discarded: false });
    expect(parseExercisesProgress("{").discarded).toBe(true);
    expect(parseExercisesProgress(JSON.stringify({ ...p, exercises: { x: { ...p.exercises.x, status: "maybe" } } })).discarded).toBe(true);
  });
});
