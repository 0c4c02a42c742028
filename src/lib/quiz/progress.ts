/**
 * Quiz progress kept in the browser without an account: answers per item, flashcards and past
 * interviews. Whatever is read back (localStorage, an imported file) is validated with zod first
 * (progress-schema.ts); a bad file is refused with a reason and never half-applied.
 */
import type { Attempt, Progress, StoredCard } from "./progress-schema";
import { newCard } from "./recall";

export type { Attempt, Progress };

export const STORAGE_KEY = "overlay-lab:quiz";
export const MAX_INTERVIEWS = 50;

export const emptyProgress = (): Progress => ({ app: "overlay-lab-quiz", version: 1, attempts: {}, cards: {}, interviews: [] });

/** One answer: counts it, and a missed item becomes a flashcard due now (unless it is one already). */
export function recordAttempt(p: Progress, id: string, correct: boolean, now: Date): Progress {
  const prev = p.attempts[id];
  const attempt: Attempt = { seen: (prev?.seen ?? 0) + 1, correct: (prev?.correct ?? 0) + (correct ? 1 : 0), last: correct ? "right" : "wrong", at: now.toISOString() };
  const cards = !correct && !p.cards[id] ? { ...p.cards, [id]: newCard(now) } : p.cards;
  return { ...p, attempts: { ...p.attempts, [id]: attempt }, cards };
}

export function recordInterview(p: Progress, entry: Progress["interviews"][number]): Progress {
  return { ...p, interviews: [...p.interviews, entry].slice(-MAX_INTERVIEWS) };
}

export function setCard(p: Progress, id: string, card: StoredCard | undefined): Progress {
  const cards = { ...p.cards };
  if (card) cards[id] = card;
  else delete cards[id];
  return { ...p, cards };
}

/**
 * Forgets one topic's answers and cards; the rest stays. The reset is remembered per item, so merging
 * with an older copy (another device, an old export) does not bring the forgotten answers back.
 */
export function resetItems(p: Progress, ids: readonly string[], now: Date = new Date()): Progress {
  const drop = new Set(ids);
  const keep = <T,>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.has(k)));
  const at = now.toISOString();
  return { ...p, attempts: keep(p.attempts), cards: keep(p.cards), cleared: { ...p.cleared, ...Object.fromEntries(ids.map((id) => [id, at])) } };
}

const later = (a: string | undefined, b: string | undefined) => (a ?? "") >= (b ?? "");

/**
 * Two copies of progress (this browser and an imported file) into one, losing and doubling nothing:
 * per item the copy with more attempts wins (the later one on a tie), per card the one reviewed last,
 * and interviews are united by time.
 */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const attempts = { ...a.attempts };
  for (const [id, x] of Object.entries(b.attempts)) {
    const y = attempts[id];
    if (!y || x.seen > y.seen || (x.seen === y.seen && !later(y.at, x.at))) attempts[id] = x;
  }
  const cards = { ...a.cards };
  for (const [id, x] of Object.entries(b.cards)) {
    const y = cards[id];
    if (!y || x.reps > y.reps || (x.reps === y.reps && !later(y.last_review, x.last_review))) cards[id] = x;
  }
  const seen = new Set<string>();
  const interviews = [...a.interviews, ...b.interviews]
    .filter((i) => {
      const key = `${i.at}/${i.points}/${i.total}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((x, y) => x.at.localeCompare(y.at))
    .slice(-MAX_INTERVIEWS);
  const cleared = { ...a.cleared };
  for (const [id, at] of Object.entries(b.cleared ?? {})) if (!cleared[id] || at > cleared[id]) cleared[id] = at;
  // Whatever a reset forgot stays forgotten unless it happened after the reset.
  for (const [id, at] of Object.entries(cleared)) {
    if (attempts[id] && attempts[id].at <= at) delete attempts[id];
    const card = cards[id];
    if (card && (card.last_review ?? card.due) <= at) delete cards[id];
  }
  return { ...a, attempts, cards, interviews, ...(Object.keys(cleared).length ? { cleared } : {}) };
}

export const exportProgress = (p: Progress) => JSON.stringify(p, null, 2);

export function saveProgress(storage: Pick<Storage, "setItem">, p: Progress): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(p));
}

/** Cards as a tab-separated text file Anki imports (front, back): tabs and newlines inside a field become spaces. */
export function ankiExport(cards: readonly { front: string; back: string }[]): string {
  const field = (s: string) => s.replace(/[\t\r\n]+/g, " ").trim();
  return ["#separator:tab", "#html:false", ...cards.map((c) => `${field(c.front)}\t${field(c.back)}`)].join("\n") + "\n";
}
