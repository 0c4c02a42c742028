/**
 * Every exercise replayed on the simulator (learnGitBranching's way): the reference solution and another
 * correct solution pass every goal; for every goal a near-miss state fails it; every fail check matches
 * its wrong state and never fires during the reference run; every text exists in EN and UA.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "sim-core";
import { EXERCISES } from ".";
import { runCommands, startExercise } from "./run";
import { EXERCISE_TEXTS } from "./texts";
import { CASES } from "./cases";
import type { Command, ExerciseDef } from "./types";

async function play(def: ExerciseDef, commands: readonly Command[]) {
  const lab = createLab({ nodes: def.nodes, seed: def.seed });
  const run = await startExercise(lab, def);
  const statuses = await runCommands(lab, run, commands);
  return { lab, run, statuses, input: { state: lab.state(), observed: run.observed, answers: run.answers } };
}

describe.each(EXERCISES.map((d) => [d.slug, d] as const))("exercise %s", (_, def) => {
  const cases = CASES[def.slug];

  it("has test cases for every step and every fail check", () => {
    expect(Object.keys(cases.nearMisses).sort()).toEqual(def.steps.map((s) => s.id).sort());
    expect(Object.keys(cases.fails).sort()).toEqual(def.failChecks.map((f) => f.id).sort());
  });

  it("starts with no step done and no fail check matching", async () => {
    const { run } = await play(def, []);
    const status = run.check();
    expect(status.steps.filter((s) => s.done)).toEqual([]);
    expect(status.fails).toEqual([]);
  });

  it("passes every goal with the reference solution, and no fail check fires on the way", async () => {
    const { statuses } = await play(def, def.solution);
    expect(statuses.at(-1)!.complete).toBe(true);
    expect(statuses.flatMap((s) => s.fails)).toEqual([]);
  });

  it("passes every goal with another correct solution", async () => {
    const { statuses } = await play(def, cases.alternative);
    expect(statuses.at(-1)!.steps.filter((s) => !s.done)).toEqual([]);
    expect(statuses.flatMap((s) => s.fails)).toEqual([]);
  });

  it.each(def.steps.map((s) => [s.id, s] as const))("fails the goal %s on its near miss, saying what it found", async (id, step) => {
    const { input, run } = await play(def, cases.nearMisses[id]);
    const result = step.goal(input);
    expect(result.ok).toBe(false);
    const explained = run.check(true).steps.find((s) => s.id === id)!;
    if (!explained.done) expect(explained.found?.key).toBeTruthy();
    if (!result.ok) for (const l of ["en", "uk"] as const) expect(EXERCISE_TEXTS[def.slug][l].found[result.found], `${l} found.${result.found}`).toBeTruthy();
  });

  it.each(def.failChecks.map((f) => [f.id, f] as const))("matches the fail check %s on its wrong state", async (id, fail) => {
    const { input } = await play(def, cases.fails[id]);
    expect(fail.when(input)).toBe(true);
  });

  it("has every text in EN and UA, with the same steps, hints, fail checks and findings", () => {
    const { en, uk } = EXERCISE_TEXTS[def.slug];
    for (const t of [en, uk]) {
      expect(Object.keys(t.steps).sort()).toEqual(def.steps.map((s) => s.id).sort());
      expect(Object.keys(t.fails).sort()).toEqual(def.failChecks.map((f) => f.id).sort());
      for (const s of Object.values(t.steps)) expect(s.hints.length).toBeGreaterThanOrEqual(2);
      for (const v of [t.title, t.summary, t.intro, t.section]) expect(v.trim()).not.toBe("");
    }
    for (const id of Object.keys(en.steps)) expect(uk.steps[id].hints).toHaveLength(en.steps[id].hints.length);
    expect(Object.keys(uk.found).sort()).toEqual(Object.keys(en.found).sort());
  });
});

describe("the list", () => {
  it("numbers the exercises 1…10 without gaps, with unique slugs, and has text for each", () => {
    expect(EXERCISES.map((e) => e.number)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(new Set(EXERCISES.map((e) => e.slug)).size).toBe(EXERCISES.length);
    expect(Object.keys(EXERCISE_TEXTS).sort()).toEqual(EXERCISES.map((e) => e.slug).sort());
  });
});

describe("an exercise's start state", () => {
  it("is built in virtual time on a lab paced in real time, which is left real-time for the learner", async () => {
    const def = EXERCISES.find((d) => d.setup.length > 0)!;
    const lab = createLab({ nodes: def.nodes, seed: def.seed, pacing: "realtime" });
    let pacing: "instant" | "realtime" = "realtime";
    const paced: string[] = [];
    const setPacing = lab.setPacing.bind(lab);
    const exec = lab.exec.bind(lab);
    const spied = {
      ...lab,
      setPacing: (p: "instant" | "realtime") => {
        pacing = p;
        setPacing(p);
      },
      exec: (node: string, line: string) => {
        paced.push(pacing);
        return exec(node, line);
      },
    };
    const run = await startExercise(spied, def, "realtime");
    expect(run.setupLog).toHaveLength(def.setup.length);
    expect(paced).toEqual(def.setup.map(() => "instant"));
    expect(pacing).toBe("realtime");
  });
});
