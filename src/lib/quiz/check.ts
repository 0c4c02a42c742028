/**
 * Checks a command answer by running it in sim-core: build the item's start state from its setup lines,
 * run what the learner typed, then judge `lab.state()` against the goal. The simulator's own output is
 * returned so a wrong answer shows what docker said.
 *
 * `createLab` is passed in so that this module stays free of the simulator's code: the page bundles it
 * only inside the checking worker (see components/quiz/check.worker.ts), and tests pass the real one.
 */
import type { Lab, LabOptions } from "sim-core";
import { z } from "zod";
import { checkGoal, type Miss } from "./goals";
import type { Goal } from "./schema";

export const MAX_ANSWER_LINES = 5;
export const MAX_LINE_LENGTH = 400;

/** The world every command item starts from: two nodes, a fixed seed, tight limits so nothing runs long. */
export const LAB_OPTIONS: LabOptions = {
  nodes: 2,
  seed: "quiz",
  limits: { lineLength: MAX_LINE_LENGTH, output: 64 * 1024, time: 60_000 },
};
const HOST = "node-1";

export interface CommandTask {
  setup: readonly string[];
  goal: Goal;
}

export interface TranscriptLine {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type CheckResult =
  | { status: "checked"; passed: boolean; transcript: TranscriptLine[]; misses: Miss[] }
  | { status: "invalid"; reason: "empty" | "tooManyLines" | "lineTooLong" };

/** What crosses to and from the worker, validated on both sides. */
export const answerSchema = z.string().max(MAX_ANSWER_LINES * (MAX_LINE_LENGTH + 20));

/**
 * The commands in what was typed: one per line, blank lines and `#` comments dropped, and a pasted
 * prompt (`node-1$ `, `$ `) taken off, as people paste from the article.
 */
export function answerLines(input: string): string[] {
  return input
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^(?:node-\d+)?\$\s+/, ""))
    .filter((l) => l !== "" && !l.startsWith("#"));
}

export async function checkCommandAnswer(task: CommandTask, input: string, createLab: (o: LabOptions) => Lab): Promise<CheckResult> {
  const lines = answerLines(input);
  if (lines.length === 0) return { status: "invalid", reason: "empty" };
  if (lines.length > MAX_ANSWER_LINES) return { status: "invalid", reason: "tooManyLines" };
  if (lines.some((l) => l.length > MAX_LINE_LENGTH)) return { status: "invalid", reason: "lineTooLong" };

  const lab = createLab(LAB_OPTIONS);
  for (const line of task.setup) {
    const r = await lab.exec(HOST, line);
    if (r.exitCode !== 0) throw new Error(`Quiz item setup failed: "${line}": ${r.stderr.trim()}`);
  }
  const transcript: TranscriptLine[] = [];
  for (const command of lines) {
    const r = await lab.exec(HOST, command);
    transcript.push({ command, ...r });
  }
  const misses = checkGoal(task.goal, lab.state());
  return { status: "checked", passed: misses.length === 0, transcript, misses };
}
