import { describe, expect, it } from "vitest";
import { gradeCard, isDue, newCard, retrievability } from "./cards";
import { clock, formatDuration, interviewSet, summarize } from "./interview";
import {
  ankiExport,
  emptyProgress,
  exportProgress,
  mergeProgress,
  recordAttempt,
  recordInterview,
  resetItems,
  saveProgress,
  STORAGE_KEY,
} from "./progress";
import { loadProgress, parseProgress } from "./progress-schema";
import { topicReadiness } from "./readiness";
import type { QuizItem } from "./schema";
import { initialOrder, scoreAnswer, shuffled } from "./score";

const section = { slug: "t", anchor: "a", heading: "A", questionTitle: "T", exercises: [] };
const opt = (text: string) => ({ text, why: `because ${text}` });
const single: QuizItem = { id: "s", topic: "t", prompt: "?", section, kind: "single", options: [opt("a"), opt("b"), opt("c")], correct: 1 };
const multi: QuizItem = { id: "m", topic: "t", prompt: "?", section, kind: "multi", options: [opt("a"), opt("b"), opt("c"), opt("d")], correct: [0, 1, 2] };
const order: QuizItem = { id: "o", topic: "t", prompt: "?", section, kind: "order", steps: ["1", "2", "3", "4", "5"], why: "w" };
const tf: QuizItem = { id: "f", topic: "t", prompt: "?", section, kind: "truefalse", answer: false, why: "w" };

describe("scoreAnswer", () => {
  it("single choice and true/false are right or wrong", () => {
    expect(scoreAnswer(single, { kind: "single", choice: 1 })).toEqual({ credit: 1, correct: true });
    expect(scoreAnswer(single, { kind: "single", choice: 0 })).toEqual({ credit: 0, correct: false });
    expect(scoreAnswer(tf, { kind: "truefalse", value: false })).toEqual({ credit: 1, correct: true });
    expect(scoreAnswer(tf, { kind: "truefalse", value: true })).toEqual({ credit: 0, correct: false });
  });

  it("multiple choice: partial credit, each wrong pick takes one right pick away, ticking all earns nothing", () => {
    expect(scoreAnswer(multi, { kind: "multi", choices: [0, 1, 2] })).toEqual({ credit: 1, correct: true });
    expect(scoreAnswer(multi, { kind: "multi", choices: [2, 0] })).toEqual({ credit: 2 / 3, correct: false });
    expect(scoreAnswer(multi, { kind: "multi", choices: [0, 1, 3] })).toEqual({ credit: 1 / 3, correct: false });
    expect(scoreAnswer(multi, { kind: "multi", choices: [0, 1, 2, 3] })).toEqual({ credit: 2 / 3, correct: false });
    expect(scoreAnswer(multi, { kind: "multi", choices: [3] })).toEqual({ credit: 0, correct: false });
    expect(scoreAnswer(multi, { kind: "multi", choices: [] })).toEqual({ credit: 0, correct: false });
  });

  it("ordering: credit per neighbouring pair in order, full only when exact", () => {
    expect(scoreAnswer(order, { kind: "order", order: [0, 1, 2, 3, 4] })).toEqual({ credit: 1, correct: true });
    expect(scoreAnswer(order, { kind: "order", order: [0, 1, 2, 4, 3] })).toEqual({ credit: 0.5, correct: false });
    expect(scoreAnswer(order, { kind: "order", order: [4, 3, 2, 1, 0] })).toEqual({ credit: 0, correct: false });
    expect(scoreAnswer(order, { kind: "order", order: [0, 0, 1, 2, 3] })).toEqual({ credit: 0, correct: false });
  });

  it("refuses an answer of another kind", () => {
    expect(() => scoreAnswer(single, { kind: "truefalse", value: true })).toThrow();
  });
});

describe("shuffles", () => {
  it("are deterministic per seed and keep every element", () => {
    const list = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffled(list, "x")).toEqual(shuffled(list, "x"));
    expect(shuffled(list, "x")).not.toEqual(shuffled(list, "y"));
    expect([...shuffled(list, "x")].sort((a, b) => a - b)).toEqual(list);
  });

  it("never show an ordering item already solved", () => {
    for (const id of ["a", "b", "c", "d", "e", "f"]) {
      const o = initialOrder({ id, steps: ["1", "2", "3"] });
      expect(o.every((v, i) => v === i)).toBe(false);
    }
  });
});

describe("interview", () => {
  const items: QuizItem[] = Array.from({ length: 30 }, (_, i) =>
    i % 2 === 0
      ? { ...single, id: `s${i}`, topic: i < 6 ? "mesh" : "other" }
      : { id: `c${i}`, topic: "other", prompt: "?", section, kind: "command", why: "w", setup: [], goal: { kind: "manager", host: "node-1" }, solution: "docker swarm init" },
  );

  it("picks 10 items, the chosen topic's first, and at most a third of them command questions", () => {
    const set = interviewSet(items, "run-1", "mesh");
    expect(set).toHaveLength(10);
    expect(set.slice(0, 3).every((i) => i.topic === "mesh")).toBe(true);
    expect(set.filter((i) => i.kind === "command").length).toBeLessThanOrEqual(3);
    expect(new Set(set.map((i) => i.id)).size).toBe(10);
    expect(interviewSet(items, "run-1", "mesh")).toEqual(set);
  });

  it("the timer informs and counts overtime instead of stopping", () => {
    expect(clock(0, 60_000)).toEqual({ remainingMs: 540_000, overtimeMs: 0 });
    expect(clock(0, 600_000)).toEqual({ remainingMs: 0, overtimeMs: 0 });
    expect(clock(0, 630_000)).toEqual({ remainingMs: 0, overtimeMs: 30_000 });
    expect(formatDuration(540_000)).toBe("9:00");
    expect(formatDuration(65_500)).toBe("1:05");
  });

  it("is scored at the end with partial credit and a list of mistakes", () => {
    const s = summarize([
      { id: "a", score: { credit: 1, correct: true } },
      { id: "b", score: { credit: 0.5, correct: false } },
      { id: "c", score: { credit: 0, correct: false } },
      { id: "d", score: { credit: 1, correct: true } },
    ]);
    expect(s).toEqual({ points: 2.5, total: 4, percent: 63, mistakes: ["b", "c"] });
  });
});

describe("FSRS cards", () => {
  const now = new Date("2026-12-01T10:00:00Z");

  it("a card graded Again comes back sooner than one graded Hard, Good or Easy", () => {
    const due = ([1, 2, 3, 4] as const).map((g) => new Date(gradeCard(undefined, g, now).due).getTime());
    expect(due[0]).toBeLessThan(due[1]);
    expect(due[1]).toBeLessThan(due[2]);
    expect(due[2]).toBeLessThan(due[3]);
  });

  it("a reviewed card is not due until its date, then it is", () => {
    const c = gradeCard(undefined, 4, now);
    expect(isDue(c, now)).toBe(false);
    expect(isDue(c, new Date(c.due))).toBe(true);
    expect(isDue(undefined, now)).toBe(true);
  });

  it("grading twice Good spaces the next review out further", () => {
    const once = gradeCard(undefined, 3, now);
    const later = new Date(once.due);
    const twice = gradeCard(once, 3, later);
    expect(new Date(twice.due).getTime() - later.getTime()).toBeGreaterThan(new Date(once.due).getTime() - now.getTime());
  });

  it("retrievability falls with time and is 0 for a card never reviewed", () => {
    const c = gradeCard(gradeCard(undefined, 3, now), 3, new Date("2026-12-02T10:00:00Z"));
    expect(retrievability(c, new Date("2026-12-03T10:00:00Z"))).toBeGreaterThan(retrievability(c, new Date("2027-03-01T10:00:00Z")));
    expect(retrievability(newCard(now), now)).toBe(0);
  });

  it("undo restores the card exactly: the stored card is plain JSON", () => {
    const before = gradeCard(undefined, 3, now);
    const snapshot = JSON.parse(JSON.stringify(before));
    const after = gradeCard(before, 1, new Date(before.due));
    expect(after).not.toEqual(before);
    expect(snapshot).toEqual(before);
  });
});

describe("progress", () => {
  const now = new Date("2026-12-01T10:00:00Z");

  it("counts answers; a missed item becomes a card due now", () => {
    let p = recordAttempt(emptyProgress(), "a", true, now);
    p = recordAttempt(p, "b", false, now);
    p = recordAttempt(p, "b", true, now);
    expect(p.attempts).toEqual({
      a: { seen: 1, correct: 1, last: "right", at: now.toISOString() },
      b: { seen: 2, correct: 1, last: "right", at: now.toISOString() },
    });
    expect(Object.keys(p.cards)).toEqual(["b"]);
    expect(isDue(p.cards.b, now)).toBe(true);
  });

  it("round-trips through export and import", () => {
    let p = recordAttempt(emptyProgress(), "a", false, now);
    p = recordInterview(p, { at: now.toISOString(), points: 7.5, total: 10 });
    const r = parseProgress(exportProgress(p));
    expect(r).toEqual({ ok: true, progress: p });
  });

  it("refuses bad import files with a reason", () => {
    expect(parseProgress("not json")).toMatchObject({ ok: false, error: "notJson" });
    expect(parseProgress(JSON.stringify({ app: "something-else" }))).toMatchObject({ ok: false, error: "notProgress" });
    const p = recordAttempt(emptyProgress(), "a", true, now);
    const tampered = { ...p, attempts: { a: { ...p.attempts.a, correct: 5 } } };
    expect(parseProgress(JSON.stringify(tampered))).toMatchObject({ ok: false, error: "notProgress", detail: expect.stringContaining("more right answers") });
  });

  it("merges without losing or doubling anything", () => {
    const a = recordInterview(recordAttempt(recordAttempt(emptyProgress(), "x", true, now), "x", true, now), { at: "2026-12-01T09:00:00.000Z", points: 5, total: 10 });
    const later = new Date("2026-12-02T10:00:00Z");
    const b = recordInterview(recordAttempt(recordAttempt(emptyProgress(), "y", false, later), "x", false, later), { at: "2026-12-02T09:00:00.000Z", points: 8, total: 10 });
    const m = mergeProgress(a, b);
    expect(m.attempts.x.seen).toBe(2); // a's two answers, not b's one
    expect(m.attempts.y).toEqual(b.attempts.y);
    expect(Object.keys(m.cards).sort()).toEqual(["x", "y"]);
    expect(m.interviews.map((i) => i.points)).toEqual([5, 8]);
    expect(mergeProgress(m, m)).toEqual(m);
    expect(mergeProgress(m, b)).toEqual(m);
  });

  it("resets one topic's items and keeps the rest", () => {
    let p = recordAttempt(recordAttempt(emptyProgress(), "a", false, now), "b", false, now);
    p = resetItems(p, ["a"]);
    expect(Object.keys(p.attempts)).toEqual(["b"]);
    expect(Object.keys(p.cards)).toEqual(["b"]);
  });

  it("a reset stays a reset when merged with an older copy, but an answer given after it survives", () => {
    const old = recordAttempt(recordAttempt(emptyProgress(), "a", false, now), "b", true, now);
    const reset = resetItems(old, ["a", "b"], new Date("2026-12-02T10:00:00Z"));
    const after = recordAttempt(reset, "b", true, new Date("2026-12-03T10:00:00Z"));
    const m = mergeProgress(after, old); // e.g. another device that still has the old answers
    expect(Object.keys(m.attempts)).toEqual(["b"]);
    expect(m.attempts.b.seen).toBe(1);
    expect(m.cards).toEqual({});
    expect(mergeProgress(old, after)).toEqual(m);
  });

  it("persists in storage, and unreadable saved data counts as none and is reported", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadProgress(storage)).toEqual({ progress: emptyProgress(), discarded: false });
    const p = recordAttempt(emptyProgress(), "a", true, now);
    saveProgress(storage, p);
    expect(loadProgress(storage)).toEqual({ progress: p, discarded: false });
    store.set(STORAGE_KEY, '{"app":"overlay-lab-quiz","version":1,"attempts":{"a":{"seen":"lots"}}}');
    expect(loadProgress(storage)).toEqual({ progress: emptyProgress(), discarded: true });
  });

  it("exports cards as an Anki text file", () => {
    expect(ankiExport([{ front: "What is\tVXLAN?", back: "UDP 4789\nencapsulation" }])).toBe("#separator:tab\n#html:false\nWhat is VXLAN?\tUDP 4789 encapsulation\n");
  });
});

describe("topicReadiness", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it("is 'not yet' for unseen items, 'shaky' when half is known, 'ready' when recall is high", () => {
    const ids = ["a", "b"];
    expect(topicReadiness(emptyProgress(), ids, now).level).toBe("notYet");
    const half = recordAttempt(recordAttempt(emptyProgress(), "a", true, now), "b", false, now);
    expect(topicReadiness(half, ids, now)).toMatchObject({ level: "shaky", seen: 2 });
    const ready = recordAttempt(recordAttempt(emptyProgress(), "a", true, now), "b", true, now);
    expect(topicReadiness(ready, ids, now).level).toBe("ready");
  });
});
