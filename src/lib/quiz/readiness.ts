/**
 * Readiness per topic ("ready / shaky / not yet") from FSRS retrievability and quiz history, instead of
 * a streak: an item counts by how likely it is remembered now (its card, once reviewed) or else by the
 * last quiz answer; items never met count as unknown.
 */
import { retrievability } from "./recall";
import type { Progress } from "./progress";

export type Readiness = "ready" | "shaky" | "notYet";

export const READY_AT = 0.85;
export const SHAKY_AT = 0.5;

export function itemRecall(p: Progress, id: string, now: Date): number {
  const card = p.cards[id];
  if (card?.last_review) return retrievability(card, now);
  const a = p.attempts[id];
  if (!a) return 0;
  return a.last === "right" ? 0.9 : 0.2;
}

export function topicReadiness(p: Progress, ids: readonly string[], now: Date): { level: Readiness; recall: number; seen: number } {
  if (ids.length === 0) return { level: "notYet", recall: 0, seen: 0 };
  const recall = ids.reduce((s, id) => s + itemRecall(p, id, now), 0) / ids.length;
  const seen = ids.filter((id) => p.attempts[id] || p.cards[id]?.last_review).length;
  const level = recall >= READY_AT ? "ready" : recall >= SHAKY_AT ? "shaky" : "notYet";
  return { level, recall, seen };
}
