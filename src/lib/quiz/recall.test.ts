import { createEmptyCard } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { gradeCard, scheduler, type GradeNumber } from "./cards";
import type { StoredCard } from "./progress-schema";
import { FSRS_DECAY, newCard, retrievability } from "./recall";

const DAY = 24 * 60 * 60 * 1000;

/** Cards as the scheduler leaves them after a seeded run of reviews a few hours to weeks apart. */
function reviewedCards(): { card: StoredCard; at: Date }[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: { card: StoredCard; at: Date }[] = [];
  for (let run = 0; run < 40; run++) {
    let at = new Date(Date.UTC(2026, 0, 1) + run * 3_600_000);
    let card = newCard(at);
    for (let review = 0; review < 6; review++) {
      at = new Date(at.getTime() + rand() * 20 * DAY);
      card = gradeCard(card, (1 + Math.floor(rand() * 4)) as GradeNumber, at);
      out.push({ card, at });
    }
  }
  return out;
}

describe("recall without the scheduler", () => {
  it("makes the same new card as ts-fsrs", () => {
    const now = new Date("2026-12-06T10:00:00.000Z");
    const empty = createEmptyCard(now);
    expect(newCard(now)).toEqual({ ...empty, due: now.toISOString(), last_review: undefined } satisfies Record<string, unknown>);
  });

  it("uses the decay the scheduler is configured with", () => {
    expect(scheduler.parameters.w[20]).toBe(FSRS_DECAY);
  });

  it("gives ts-fsrs's retrievability for every reviewed card, at every later day", () => {
    let compared = 0;
    for (const { card, at } of reviewedCards()) {
      const restored = { ...card, due: new Date(card.due), last_review: card.last_review ? new Date(card.last_review) : undefined };
      for (const days of [0, 0.4, 1, 2.5, 7, 30, 365]) {
        const now = new Date(at.getTime() + days * DAY);
        expect(retrievability(card, now)).toBe(scheduler.get_retrievability(restored, now, false));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("is 0 for a card never reviewed", () => {
    const now = new Date();
    expect(retrievability(undefined, now)).toBe(0);
    expect(retrievability(newCard(now), now)).toBe(0);
  });
});
