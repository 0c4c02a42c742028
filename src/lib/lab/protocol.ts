/**
 * The messages between the lab page (which only draws) and the worker that runs sim-core. Plain,
 * structured-clone-able data; the worker side is `engine.ts`, the page side `src/components/lab`.
 */
// zod/mini: the same checks as zod, a fraction of its code on the lab page (parsed and compiled before the
// first prompt) and cheaper schemas to build.
import * as z from "zod/mini";
import { MAX_COLS, MIN_COLS } from "./limits";
import type { TopologyDiff } from "@/lib/topology/model";
import type { PathTrace } from "@/lib/topology/path";
import type { ExerciseStatus } from "@/lib/exercises/types";

export const MIN_NODES = 1;
export const MAX_NODES = 5;
export const DEFAULT_NODES = 3;
export const MAX_LINE = 4096;
export const MAX_LOG = 2000;
export { MAX_COLS, MIN_COLS };

/** One command as it ran: the pane (the node it started on), the line, and the virtual times that replay it. */
export const logEntrySchema = z.object({
  pane: z.string().check(z.regex(/^node-[1-5]$/)),
  line: z.string().check(z.maxLength(MAX_LINE)),
  /** Virtual time (ms) when it started. */
  at: z.int().check(z.minimum(0)),
  /** Virtual time (ms) of its Ctrl-C, if it was interrupted. */
  abortAt: z.optional(z.int().check(z.minimum(0))),
  /** The pane's width when it ran (help wraps to it), so a replay prints the same lines. */
  cols: z.optional(z.int().check(z.minimum(MIN_COLS), z.maximum(MAX_COLS))),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const seedSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w.-]+$/));

export const sessionCoreSchema = z.object({
  seed: seedSchema,
  nodes: z.int().check(z.minimum(MIN_NODES), z.maximum(MAX_NODES)),
  log: z.array(logEntrySchema).check(z.maxLength(MAX_LOG)),
});
export type SessionCore = z.infer<typeof sessionCoreSchema>;

export interface PaneView {
  /** Everything the pane printed (escape-filtered), prompts and typed lines included. */
  stream: string;
  /** The prompt it shows now. */
  prompt: string;
}

/**
 * What each pane of a new cluster shows before its first command: nothing but its host's prompt. The page draws
 * it at once on a first visit, while the worker boots the cluster (the engine's own views of a fresh boot are
 * these; a test holds them to it).
 */
export function freshViews(nodes: number): Record<string, PaneView> {
  return Object.fromEntries(Array.from({ length: nodes }, (_, i) => [`node-${i + 1}`, { stream: "", prompt: `node-${i + 1}$ ` }]));
}

/** What "Run in lab" asks the cluster before typing a block. */
export interface ClusterFacts {
  /** Some node is a swarm manager (it gives a join token). */
  hasSwarm: boolean;
  /** Networks `docker run --network` can name on node-1: the swarm's overlays and node-1's local networks. */
  networks: string[];
  /** The swarm's services, by name. */
  services: string[];
}

export type ToWorker =
  | { type: "boot"; session: SessionCore }
  /** `columns`: the pane's width, for output that wraps to the terminal (docker's help). */
  | { type: "exec"; pane: string; line: string; columns?: number }
  | { type: "interrupt"; pane: string }
  | { type: "complete"; id: number; pane: string; line: string; cursor: number }
  | { type: "fast-forward" }
  | { type: "undo" }
  /** A file written in the world (e.g. by `tcpdump -w`), saved by the page. */
  | { type: "download"; host: string; path: string }
  /** Fills an article command's placeholders (join token, manager address, a service's container). */
  | { type: "resolve"; id: number; pane: string; line: string }
  /** What "Run in lab" fits a block to: whether the cluster has a swarm, its networks and services. */
  | { type: "swarm"; id: number }
  | { type: "capture-start"; host: string }
  | { type: "capture-stop"; id: number; host: string }
  /** The topology panel's last packets as a pcap (answered with "file"). */
  | { type: "packets-pcap"; id: number }
  /** Boots an exercise: its start state (setup, not shown), then the learner's log; checked after each command. */
  | { type: "exercise-boot"; slug: string; session: SessionCore }
  /** Checks the exercise now and says, for each step not done, what was found ("Check"). */
  | { type: "exercise-check" }
  /** The learner's answer to a question step (option index). */
  | { type: "exercise-answer"; step: string; choice: number }
  /** The exercise's session as the free lab replays it: its start state's commands, then the learner's. */
  | { type: "exercise-export"; id: number };

export type FromWorker =
  /** After boot, replay or undo: what every pane shows, and the log it comes from. */
  | { type: "ready"; session: SessionCore; panes: Record<string, PaneView>; replayMs: number }
  | { type: "output"; pane: string; text: string }
  /** A command ended; `clear` when it cleared the screen (`clear`). */
  | { type: "done"; pane: string; prompt: string; exitCode: number; clear: boolean; log: LogEntry[] }
  /** While commands run: the log a reload would replay now, with each running command interrupted at this moment. */
  | { type: "progress"; log: LogEntry[] }
  | { type: "completion"; id: number; start: number; candidates: string[] }
  | { type: "resolved"; id: number; line: string }
  | ({ type: "swarm"; id: number } & ClusterFacts)
  | { type: "file"; id: number; name: string; bytes: Uint8Array | null; error?: string }
  /** A file for the page to save (a download typed in a pane, or asked for with a button). */
  | { type: "save"; name: string; bytes: Uint8Array }
  /** Which panes run a command, whether fast-forward is on, running captures, and the files on each host. */
  | { type: "running"; panes: string[]; fastForward: boolean; captures: string[]; files: Record<string, string[]> }
  | { type: "error"; message: string }
  /** What changed in the topology (`reset`: every record, the page starts over). */
  | { type: "topology"; diff: TopologyDiff; reset: boolean }
  /** Packets sim-core sent at once (a ping probe and its reply, curl's segments), hop by hop with their frames. */
  | { type: "packets"; trace: PathTrace }
  /** After each command of an exercise (and on "exercise-check", with `explained`): steps done, fail checks matching. */
  | { type: "exercise-status"; status: ExerciseStatus; explained: boolean }
  | { type: "exercise-session"; id: number; session: SessionCore };
