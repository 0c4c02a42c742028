import { describe, expect, it } from "vitest";
import { merge3 } from "./merge3";

const base = "# Overlay\nIntro line.\n\nVXLAN uses UDP 4789.\n\nEncryption uses IPsec.\n";

describe("merge3", () => {
  it("keeps a change published since the base and adds the suggestion's change elsewhere", () => {
    const current = base.replace("Intro line.", "Intro line, revised by a moderator.");
    const proposed = base.replace("Encryption uses IPsec.", "Encryption uses IPsec ESP between hosts.");
    const m = merge3(base, current, proposed);
    expect(m.text).toBe("# Overlay\nIntro line, revised by a moderator.\n\nVXLAN uses UDP 4789.\n\nEncryption uses IPsec ESP between hosts.\n");
    expect(m.conflicts).toBe(0);
    expect(m.hunks.map((h) => h.source)).toEqual(["base", "current", "base", "proposed"]);
  });

  it("marks lines both sides changed differently, using the suggestion's and keeping the published ones", () => {
    const current = base.replace("UDP 4789", "UDP port 4789");
    const proposed = base.replace("UDP 4789", "UDP 4789 (VNI in the header)");
    const m = merge3(base, current, proposed);
    expect(m.conflicts).toBe(1);
    const conflict = m.hunks.find((h) => h.source === "conflict");
    expect(conflict).toEqual({ source: "conflict", text: "VXLAN uses UDP 4789 (VNI in the header).\n", current: "VXLAN uses UDP port 4789.\n" });
    expect(m.text).toBe(proposed);
  });

  it("treats the same change on both sides as one, and an untouched text as all base", () => {
    const same = base.replace("IPsec", "IPsec (ESP)");
    expect(merge3(base, same, same).hunks.map((h) => h.source)).toEqual(["base", "both"]);
    expect(merge3(base, base, base)).toEqual({ text: base, hunks: [{ source: "base", text: base }], conflicts: 0 });
  });

  it("handles insertions at the ends and texts without a final newline", () => {
    const m = merge3("a\nb", "top\na\nb", "a\nb\nbottom");
    expect(m.text).toBe("top\na\nb\nbottom");
    expect(m.conflicts).toBe(0);
    expect(m.hunks.map((h) => h.source)).toEqual(["current", "base", "proposed"]);
  });
});

describe("merge3 on paragraphs", () => {
  const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1}, first line.\nParagraph ${i + 1}, second line.\n`).join("\n");

  it("merges two changes to different paragraphs line by line, with no conflict", () => {
    const current = paragraphs.replace("Paragraph 2, second line.", "Paragraph 2, second line, edited and published.");
    const proposed = paragraphs.replace("Paragraph 5, first line.", "Paragraph 5, first line, suggested.").replace("Paragraph 6, second line.\n", "");
    const m = merge3(paragraphs, current, proposed);
    expect(m.conflicts).toBe(0);
    expect(m.text).toBe(current.replace("Paragraph 5, first line.", "Paragraph 5, first line, suggested.").replace("Paragraph 6, second line.\n", ""));
    // The deleted last line contributes no text, so no part of its own.
    expect(m.hunks.map((h) => h.source)).toEqual(["base", "current", "base", "proposed", "base"]);
  });

  it("flags only the overlapping hunk when the same paragraph changed on both sides", () => {
    const current = paragraphs.replace("Paragraph 3, first line.", "Paragraph 3 as published.").replace("Paragraph 1, first line.", "Paragraph 1 as published.");
    const proposed = paragraphs.replace("Paragraph 3, first line.", "Paragraph 3 as suggested.").replace("Paragraph 6, first line.", "Paragraph 6 as suggested.");
    const m = merge3(paragraphs, current, proposed);
    expect(m.conflicts).toBe(1);
    expect(m.hunks.filter((h) => h.source === "conflict")).toEqual([
      { source: "conflict", text: "Paragraph 3 as suggested.\n", current: "Paragraph 3 as published.\n" },
    ]);
    expect(m.text).toContain("Paragraph 1 as published.");
    expect(m.text).toContain("Paragraph 6 as suggested.");
  });
});
