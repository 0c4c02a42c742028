/**
 * What the quiz needs of a flashcard without its scheduler: a new card, whether it is due, and how likely it
 * is recalled now (FSRS's forgetting curve). The scheduler (ts-fsrs, in cards.ts) is loaded only when a
 * card is graded, so the quiz page's first load does not carry it; recall.test.ts checks these against
 * ts-fsrs itself.
 */
import type { StoredCard } from "./progress-schema";

export const GRADES = [1, 2, 3, 4] as const;
export type GradeNumber = (typeof GRADES)[number];

/** FSRS-6's default decay (the scheduler's w[20]); the scheduler in cards.ts uses the default parameters. */
export const FSRS_DECAY = 0.1542;
const DAY_MS = 24 * 60 * 60 * 1000;
/** ts-fsrs's State.New. */
const NEW = 0;

const round8 = (n: number) => Math.round(n * 1e8) / 1e8;

/** An unreviewed card due now, as ts-fsrs's createEmptyCard makes it. */
export function newCard(now: Date): StoredCard {
  return { due: now.toISOString(), stability: 0, difficulty: 0, elapsed_days: 0, scheduled_days: 0, reps: 0, lapses: 0, learning_steps: 0, state: NEW };
}

/** How likely the learner still recalls it now, 0 … 1 (a card never reviewed: 0). */
export function retrievability(card: StoredCard | undefined, now: Date): number {
  if (!card || !card.last_review || card.state === NEW) return 0;
  const days = Math.max(Math.floor((now.getTime() - new Date(card.last_review).getTime()) / DAY_MS), 0);
  const decay = -FSRS_DECAY;
  const factor = round8(Math.exp(Math.log(0.9) / decay) - 1);
  return round8(Math.pow(1 + (factor * days) / Number(card.stability.toFixed(8)), decay));
}

export const isDue = (card: StoredCard | undefined, now: Date) => !card || new Date(card.due).getTime() <= now.getTime();
