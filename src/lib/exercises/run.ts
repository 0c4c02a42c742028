/**
 * One run of an exercise on a lab: its start state (setup commands, run at once and shown in no pane),
 * then the simulator's events folded into observations from that moment on, and the checker over both.
 * The lab worker uses it after each command; the tests and the benchmark drive it directly.
 */
import type { Lab } from "sim-core";
import { resolveIn } from "@/lib/lab/resolve";
import { createChecker } from "./check";
import { emptyObserved, observe, type Observed } from "./observe";
import type { Command, ExerciseDef, ExerciseStatus } from "./types";

export interface ExerciseRun {
  def: ExerciseDef;
  /** The start state's commands as they ran (filled in, at their virtual times): the free lab replays them. */
  setupLog: { pane: string; line: string; at: number }[];
  observed: Observed;
  /** Checks now (done steps stay done); `explain` adds what was found for steps not done. */
  check(explain?: boolean): ExerciseStatus;
  answers: Record<string, number>;
  /** Records an answer to a question step. */
  answer(step: string, choice: number): void;
}

/**
 * Builds the start state at once — in virtual time, however the lab is paced (a swarm's convergence takes the
 * learner no real seconds) — and leaves the lab at `pacing` for what the learner types.
 */
export async function startExercise(lab: Lab, def: ExerciseDef, pacing: "instant" | "realtime" = "instant"): Promise<ExerciseRun> {
  const setupLog: ExerciseRun["setupLog"] = [];
  lab.setPacing("instant");
  try {
    for (const c of def.setup) {
      const entry = { pane: c.pane, line: resolveIn(lab, c.pane, c.line), at: lab.now() };
      setupLog.push(entry);
      await lab.exec(entry.pane, entry.line);
    }
  } finally {
    lab.setPacing(pacing);
  }
  const observed = emptyObserved();
  lab.events.subscribe((e) => observe(observed, e));
  const checker = createChecker(def);
  const answers: Record<string, number> = {};
  return {
    def,
    setupLog,
    observed,
    answers,
    check: (explain = false) => checker.check({ state: lab.state(), observed, answers }, explain),
    answer: (step, choice) => {
      if (def.steps.some((s) => s.id === step && s.answer !== undefined)) answers[step] = choice;
    },
  };
}

/** Runs commands as the lab would type them (placeholders filled), checking after each; returns every status. */
export async function runCommands(lab: Lab, run: ExerciseRun, commands: readonly Command[]): Promise<ExerciseStatus[]> {
  const statuses: ExerciseStatus[] = [];
  const running: Promise<unknown>[] = [];
  for (const c of commands) {
    if (c.answer) {
      run.answer(c.answer.step, c.answer.choice);
      statuses.push(run.check());
      continue;
    }
    const done = lab.exec(c.pane, resolveIn(lab, c.pane, c.line)).then(() => statuses.push(run.check()));
    if (c.keepRunning) running.push(done);
    else await done;
  }
  await Promise.all(running);
  return statuses;
}
