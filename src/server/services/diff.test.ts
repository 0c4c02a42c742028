import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, diffWords, sides } from "./diff";

describe("diff", () => {
  it("diffs lines: equal, delete and insert in order", () => {
    expect(diffLines("a\nb\nc\n", "a\nx\nc\n")).toEqual([
      { op: "equal", text: "a\n" },
      { op: "delete", text: "b\n" },
      { op: "insert", text: "x\n" },
      { op: "equal", text: "c\n" },
    ]);
  });

  it("keeps Cyrillic words whole in word diffs", () => {
    expect(diffWords("мережа overlay працює", "мережа bridge працює")).toEqual([
      { op: "equal", text: "мережа " },
      { op: "delete", text: "overlay" },
      { op: "insert", text: "bridge" },
      { op: "equal", text: " працює" },
    ]);
  });

  it("reproduces both inputs for any texts", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        expect(sides(diffLines(a, b))).toEqual({ before: a, after: b });
        expect(sides(diffWords(a, b))).toEqual({ before: a, after: b });
      }),
      { numRuns: 300 },
    );
  });

  it("finds a minimal diff for a single inserted line in a long text", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join("");
    const b = a.replace("line 1500\n", "line 1500\nnew\n");
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.op !== "equal")).toEqual([{ op: "insert", text: "new\n" }]);
  });
});
