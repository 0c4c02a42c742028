/**
 * Flashcards scheduled by FSRS (ts-fsrs, desired retention 0.9, its default parameters, no fuzz so a
 * schedule is reproducible). Cards are stored as plain JSON (dates as ISO strings) and converted here.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import type { StoredCard } from "./progress-schema";

export type { StoredCard };

export const scheduler = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false }));

export const GRADES = [1, 2, 3, 4] as const;
export type GradeNumber = (typeof GRADES)[number];
const RATING: Record<GradeNumber, Grade> = { 1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy };

function toCard(s: StoredCard): Card {
  return { ...s, due: new Date(s.due), last_review: s.last_review ? new Date(s.last_review) : undefined };
}

function toStored(c: Card): StoredCard {
  const { last_review, due, ...rest } = c;
  return { ...rest, due: due.toISOString(), ...(last_review ? { last_review: last_review.toISOString() } : {}) };
}

export function newCard(now: Date): StoredCard {
  return toStored(createEmptyCard(now));
}

/** The card after a review graded 1 (Again) … 4 (Easy). */
export function gradeCard(card: StoredCard | undefined, grade: GradeNumber, now: Date): StoredCard {
  return toStored(scheduler.next(toCard(card ?? newCard(now)), now, RATING[grade]).card);
}

/** How likely the learner still recalls it now, 0 … 1 (a card never reviewed: 0). */
export function retrievability(card: StoredCard | undefined, now: Date): number {
  if (!card || !card.last_review) return 0;
  return scheduler.get_retrievability(toCard(card), now, false);
}

export const isDue = (card: StoredCard | undefined, now: Date) => !card || new Date(card.due).getTime() <= now.getTime();
