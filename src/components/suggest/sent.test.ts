import { describe, expect, it } from "vitest";
import { forgetSent, readSent, rememberSent, SENT_KEY, statusPath } from "./sent";

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    raw: m,
  };
}

const k1 = "0b9d6a5e-6a53-4f5e-9f0c-8c1e3b9b2a01";
const k2 = "0b9d6a5e-6a53-4f5e-9f0c-8c1e3b9b2a02";

describe("the browser's record of anonymous suggestions", () => {
  it("remembers, deduplicates by key and forgets", () => {
    const s = memory();
    expect(readSent(s)).toEqual([]);
    rememberSent(s, [{ id: 1, clientKey: k1, locale: "en" }]);
    rememberSent(s, [{ id: 1, clientKey: k1, locale: "en" }, { id: 2, clientKey: k2, locale: "uk" }]);
    expect(readSent(s)).toEqual([
      { id: 1, clientKey: k1, locale: "en" },
      { id: 2, clientKey: k2, locale: "uk" },
    ]);
    forgetSent(s, [k1]);
    expect(readSent(s)).toEqual([{ id: 2, clientKey: k2, locale: "uk" }]);
    forgetSent(s, [k2]);
    expect(s.raw.has(SENT_KEY)).toBe(false);
  });

  it("ignores anything that is not a list of its own records", () => {
    const s = memory();
    for (const bad of ["{", '{"a":1}', '[{"id":1,"clientKey":"x","locale":"en"}]', "null"]) {
      s.setItem(SENT_KEY, bad);
      expect(readSent(s)).toEqual([]);
    }
  });

  it("keeps at most 50, dropping the oldest", () => {
    const s = memory();
    const many = Array.from({ length: 55 }, (_, i) => ({ id: i + 1, clientKey: `0b9d6a5e-6a53-4f5e-9f0c-${String(i).padStart(12, "0")}`, locale: "en" as const }));
    rememberSent(s, many);
    const kept = readSent(s);
    expect(kept).toHaveLength(50);
    expect(kept[0].id).toBe(6);
  });

  it("builds the private status path", () => {
    expect(statusPath("uk", 12, k1)).toBe(`/uk/suggestion/12?key=${k1}`);
  });
});
