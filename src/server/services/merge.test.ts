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

  describe("line by line", () => {
    const body = "Para one.\n\nPara two.\n\nPara three.\n";
    const lines: FieldValues = { ...base, body };

    it("merges a suggestion and a publication that changed different paragraphs", () => {
      const current = { ...lines, body: body.replace("Para one.", "Para one, as published.") };
      const r = mergeSuggestion(lines, current, { body: body.replace("Para three.", "Para three, as suggested.") });
      expect(r.fields.body).toBe("merged");
      expect(r.conflicts).toEqual([]);
      expect(r.merged.body).toBe("Para one, as published.\n\nPara two.\n\nPara three, as suggested.\n");
      expect(r.changesSomething).toBe(true);
    });

    it("is a conflict only when both changed the same lines differently", () => {
      const current = { ...lines, body: body.replace("Para two.", "Para 2.") };
      const r = mergeSuggestion(lines, current, { body: body.replace("Para two.", "Second paragraph.") });
      expect(r.fields.body).toBe("conflict");
      expect(r.merged.body).toBe(current.body);
    });

    it("says already published when the merge adds nothing to the current text", () => {
      const current = { ...lines, body: body.replace("Para one.", "Para 1.").replace("Para three.", "Para 3.") };
      const r = mergeSuggestion(lines, current, { body: body.replace("Para one.", "Para 1.") });
      expect(r.fields.body).toBe("already");
      expect(r.changesSomething).toBe(false);
    });

    it("keeps a one-line title a conflict when both changed it", () => {
      const r = mergeSuggestion(base, { ...base, title: "T2" }, { title: "T3" });
      expect(r.fields.title).toBe("conflict");
    });
  });
});
