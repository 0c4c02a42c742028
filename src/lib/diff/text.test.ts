import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, diffWords, MAX_EDITS, sides } from "./text";

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

describe("diff edit cap", () => {
  it("gives up past MAX_EDITS edits and shows all removed, all added, still reproducing both sides", () => {
    const a = Array.from({ length: MAX_EDITS + 10 }, (_, i) => `old ${i}\n`).join("");
    const b = Array.from({ length: MAX_EDITS + 10 }, (_, i) => `new ${i}\n`).join("");
    const started = performance.now();
    const ops = diffLines(`same\n${a}same\n`, `same\n${b}same\n`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(ops.map((o) => o.op)).toEqual(["equal", "delete", "insert", "equal"]);
    expect(sides(ops)).toEqual({ before: `same\n${a}same\n`, after: `same\n${b}same\n` });
  });

  it("finds the real diff below the cap", () => {
    const a = Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join("");
    const b = a.replace("line 10\n", "line ten\n").replace("line 90\n", "");
    expect(diffLines(a, b).filter((o) => o.op !== "equal")).toEqual([
      { op: "delete", text: "line 10\n" },
      { op: "insert", text: "line ten\n" },
      { op: "delete", text: "line 90\n" },
    ]);
  });
});
