/**
 * Interview mode: a timed set (10 items in 10 minutes by default), scored at the end. The timer informs
 * and never cuts an answer off: past the limit the clock counts overtime instead.
 */
import { shuffled, type Score } from "./score";
import type { QuizItem } from "./schema";

export const INTERVIEW_SIZE = 10;
export const INTERVIEW_MS = 10 * 60 * 1000;

/**
 * The set for one run: the chosen topic's items first (when one is chosen), then the rest, each group
 * shuffled by the run's seed; never more than one command question in three, so the set stays quick.
 */
export function interviewSet(items: readonly QuizItem[], seed: string, topic?: string, size = INTERVIEW_SIZE): QuizItem[] {
  const first = shuffled(items.filter((i) => i.topic === topic), seed);
  const rest = shuffled(items.filter((i) => i.topic !== topic), seed);
  const out: QuizItem[] = [];
  const maxCommands = Math.max(1, Math.floor(size / 3));
  for (const item of [...first, ...rest]) {
    if (out.length === size) break;
    if (item.kind === "command" && out.filter((i) => i.kind === "command").length >= maxCommands) continue;
    out.push(item);
  }
  return out;
}

export interface Clock {
  /** Milliseconds left, 0 once over. */
  remainingMs: number;
  /** Milliseconds past the limit, 0 before it. */
  overtimeMs: number;
}

export function clock(startedAt: number, now: number, limitMs = INTERVIEW_MS): Clock {
  const elapsed = Math.max(0, now - startedAt);
  return { remainingMs: Math.max(0, limitMs - elapsed), overtimeMs: Math.max(0, elapsed - limitMs) };
}

/** `m:ss`, for the timer and the summary. */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export interface Summary {
  points: number;
  total: number;
  /** Whole percent of the points available. */
  percent: number;
  mistakes: string[];
}

export function summarize(results: readonly { id: string; score: Score }[]): Summary {
  const points = results.reduce((sum, r) => sum + r.score.credit, 0);
  const total = results.length;
  return {
    points: Math.round(points * 100) / 100,
    total,
    percent: total === 0 ? 0 : Math.round((points / total) * 100),
    mistakes: results.filter((r) => !r.score.correct).map((r) => r.id),
  };
}
