import { describe, expect, it } from "vitest";
import { changedFields, mergeSuggestion, type FieldValues } from "./merge";

const base: FieldValues = { title: "T", shortAnswer: "S", body: "B", image: null };

describe("mergeSuggestion", () => {
  it("applies a change cleanly when the field is untouched since the base", () => {
    const current = { ...base, body: "B2" };
    const r = mergeSuggestion(base, current, { title: "T-new" });
    expect(r.fields).toEqual({ title: "clean", shortAnswer: "unchanged", body: "unchanged", image: "unchanged" });
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toEqual({ title: "T-new", shortAnswer: "S", body: "B2", image: null });
    expect(r.changesSomething).toBe(true);
  });

  it("flags a conflict when the same field changed since the base", () => {
    const current = { ...base, body: "B2" };
    const r = mergeSuggestion(base, current, { body: "B3", title: "T2" });
    expect(r.conflicts).toEqual(["body"]);
    expect(r.fields.body).toBe("conflict");
    expect(r.merged.body).toBe("B2");
    expect(r.merged.title).toBe("T2");
  });

  it("treats an identical concurrent change as already applied", () => {
    const current = { ...base, body: "B2" };
    const r = mergeSuggestion(base, current, { body: "B2" });
    expect(r.fields.body).toBe("already");
    expect(r.changesSomething).toBe(false);
  });

  it("merges image changes like text fields", () => {
    const r = mergeSuggestion(base, { ...base, image: 7 }, { image: null });
    expect(r.conflicts).toEqual(["image"]);
    expect(mergeSuggestion(base, base, { image: 9 }).merged.image).toBe(9);
  });

  it("lists changed fields", () => {
    expect(changedFields(base, { ...base, shortAnswer: "x", image: 1 })).toEqual(["shortAnswer", "image"]);
  });
});
