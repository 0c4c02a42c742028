/**
 * Flashcards scheduled by FSRS (ts-fsrs, desired retention 0.9, its default parameters, no fuzz so a
 * schedule is reproducible). Cards are stored as plain JSON (dates as ISO strings) and converted here.
 */
import { fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import type { StoredCard } from "./progress-schema";
import { newCard, type GradeNumber } from "./recall";

export type { StoredCard };
export { GRADES, isDue, newCard, retrievability, type GradeNumber } from "./recall";

export const scheduler = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false }));

const RATING: Record<GradeNumber, Grade> = { 1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy };

function toCard(s: StoredCard): Card {
  return { ...s, due: new Date(s.due), last_review: s.last_review ? new Date(s.last_review) : undefined };
}

function toStored(c: Card): StoredCard {
  const { last_review, due, ...rest } = c;
  return { ...rest, due: due.toISOString(), ...(last_review ? { last_review: last_review.toISOString() } : {}) };
}

/** The card after a review graded 1 (Again) … 4 (Easy). */
export function gradeCard(card: StoredCard | undefined, grade: GradeNumber, now: Date): StoredCard {
  return toStored(scheduler.next(toCard(card ?? newCard(now)), now, RATING[grade]).card);
}
