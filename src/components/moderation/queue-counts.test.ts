import { describe, expect, it } from "vitest";
import { countFor, queueState, type QueueCounts } from "./queue-counts";

const counts: QueueCounts = {
  total: 4,
  byLocale: { en: 1, uk: 3 },
  byQuestion: [
    { questionSlug: "overlay", en: 1, uk: 2, total: 3 },
    { questionSlug: "mesh", en: 0, uk: 1, total: 1 },
  ],
};

describe("queue counts", () => {
  it("count what each filter shows, combining question and language", () => {
    expect(countFor(counts, { question: "", locale: "" })).toBe(4);
    expect(countFor(counts, { question: "", locale: "uk" })).toBe(3);
    expect(countFor(counts, { question: "overlay", locale: "" })).toBe(3);
    expect(countFor(counts, { question: "mesh", locale: "en" })).toBe(0);
    expect(countFor(counts, { question: "encrypted", locale: "" })).toBe(0);
  });

  it("never say empty while loading, nor the queue is empty when only the filter is", () => {
    expect(queueState(undefined, { question: "", locale: "" }, 0)).toEqual({ kind: "loading" });
    expect(queueState(counts, { question: "mesh", locale: "en" }, 0)).toEqual({ kind: "filteredEmpty", elsewhere: 4 });
    expect(queueState(counts, { question: "mesh", locale: "" }, 1)).toEqual({ kind: "list", shown: 1 });
    expect(queueState({ total: 0, byLocale: { en: 0, uk: 0 }, byQuestion: [] }, { question: "", locale: "" }, 0)).toEqual({ kind: "empty" });
  });
});
