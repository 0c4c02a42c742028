/**
 * Scoring rules. Single choice, true/false and command questions are right or wrong. Multiple choice
 * gives partial credit: each right option picked counts, each wrong one picked takes one away, so
 * ticking everything earns nothing. Ordering gives credit for each neighbouring pair in the right order,
 * so one step out of place costs little and a reversed list earns nothing.
 */
import type { QuizItem } from "./schema";

export type Answer =
  | { kind: "single"; choice: number }
  | { kind: "multi"; choices: number[] }
  | { kind: "truefalse"; value: boolean }
  /** Step indices (into the item's steps, which are in the right order) as the learner arranged them. */
  | { kind: "order"; order: number[] }
  | { kind: "command"; passed: boolean };

export interface Score {
  /** 0 … 1. */
  credit: number;
  correct: boolean;
}

const all = (credit: number): Score => ({ credit, correct: credit === 1 });

export function scoreAnswer(item: QuizItem, answer: Answer): Score {
  if (item.kind !== answer.kind) throw new Error(`A ${answer.kind} answer to the ${item.kind} item ${item.id}`);
  switch (answer.kind) {
    case "single":
      return all(item.kind === "single" && answer.choice === item.correct ? 1 : 0);
    case "truefalse":
      return all(item.kind === "truefalse" && answer.value === item.answer ? 1 : 0);
    case "command":
      return all(answer.passed ? 1 : 0);
    case "multi": {
      if (item.kind !== "multi") return all(0);
      const picked = new Set(answer.choices);
      const right = item.correct.filter((c) => picked.has(c)).length;
      const wrong = [...picked].filter((c) => !item.correct.includes(c)).length;
      const credit = Math.max(0, right - wrong) / item.correct.length;
      return { credit, correct: right === item.correct.length && wrong === 0 };
    }
    case "order": {
      if (item.kind !== "order") return all(0);
      const o = answer.order;
      if (o.length !== item.steps.length || new Set(o).size !== o.length) return all(0);
      let pairs = 0;
      for (let i = 0; i + 1 < o.length; i++) if (o[i + 1] === o[i] + 1) pairs++;
      const exact = o.every((s, i) => s === i);
      return { credit: exact ? 1 : pairs / (o.length - 1), correct: exact };
    }
  }
}

/** A deterministic shuffle (mulberry32 over a string seed), so a server render and the browser agree. */
export function shuffled<T>(list: readonly T[], seed: string): T[] {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The order steps are first shown in: shuffled, but never already solved. */
export function initialOrder(item: { id: string; steps: readonly string[] }): number[] {
  const idx = item.steps.map((_, i) => i);
  for (let attempt = 0; attempt < 10; attempt++) {
    const s = shuffled(idx, `${item.id}/${attempt}`);
    if (s.some((v, i) => v !== i)) return s;
  }
  return [...idx].reverse();
}
