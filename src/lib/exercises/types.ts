/**
 * An exercise is data: where the lab starts, the steps with their goals, recognisable wrong states with
 * their explanations, and a reference solution. Goals and fail checks are predicates on the world's
 * state and on what the simulator observed (packets that crossed hosts, what a capture saw, drops) —
 * never on the typed text, so any correct way passes. The words live beside each definition, per locale.
 */
import type { WorldState } from "sim-core";
import type { Observed } from "./observe";

/** What a check looks at: the world now, and everything the simulator observed since the exercise began. */
export interface CheckInput {
  state: Readonly<WorldState>;
  observed: Observed;
  /** Answers the learner gave to the exercise's questions, by step. */
  answers: Record<string, number>;
}

/** Values for a `found` text's `{placeholders}`. */
export type FoundValues = Record<string, string | number>;

/** A goal met, or not with what was found instead (a key of the exercise's `found` texts and its values). */
export type GoalResult = { ok: true } | { ok: false; found: string; values?: FoundValues };

export interface Step {
  id: string;
  goal(input: CheckInput): GoalResult;
  /** A question step: the index of the right option (its text is in the locale files). */
  answer?: number;
}

export interface FailCheck {
  id: string;
  /** True when the world is in this recognisable wrong state. */
  when(input: CheckInput): boolean;
}

/** One command of a setup or a solution: the pane (node) it is typed in, and the line (placeholders allowed). */
export interface Command {
  pane: string;
  line: string;
  /** An answer to a question step instead of a command (tests only). */
  answer?: { step: string; choice: number };
  /** Runs on while the next commands are typed in other panes (a `tcpdump` watching while another pane pings). */
  keepRunning?: boolean;
}

export interface ExerciseDef {
  slug: string;
  /** 1-based place in the list. */
  number: number;
  nodes: number;
  seed: string;
  /** Run before the learner starts, not shown in the panes: the start state (a broken cluster, a swarm…). */
  setup: Command[];
  steps: Step[];
  failChecks: FailCheck[];
  /** The reference solution, shown on request (placeholders such as `<token>` are filled as the lab types it). */
  solution: Command[];
  /** The article section the exercise practises: the question's slug and the English heading's id. */
  article: { question: string; section: string };
}

/** The words of an exercise in one locale. */
export interface ExerciseText {
  title: string;
  summary: string;
  intro: string;
  steps: Record<string, { title: string; goal: string; hints: string[]; question?: { prompt: string; options: string[] } }>;
  fails: Record<string, string>;
  found: Record<string, string>;
  /** The article section's heading, as the link back to it reads. */
  section: string;
}

/** A step's state after a check. */
export interface StepStatus {
  id: string;
  done: boolean;
  found?: { key: string; values?: FoundValues };
}

/** What the worker reports after each command (and on "Check"). */
export interface ExerciseStatus {
  slug: string;
  steps: StepStatus[];
  /** Fail checks that match now. */
  fails: string[];
  /** Every step done. */
  complete: boolean;
}

/** What the tests replay for an exercise besides its reference solution. */
export interface ExerciseCases {
  /** Another correct way (different names, flag forms, panes): must pass every goal. */
  alternative: Command[];
  /** For each step, commands from the start state after which that step's goal is not met. */
  nearMisses: Record<string, Command[]>;
  /** For each fail check, commands from the start state after which it matches. */
  fails: Record<string, Command[]>;
}
