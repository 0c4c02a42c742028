import { describe, expect, it } from "vitest";
import { diffLines, diffStats, diffWords, foldUnchanged, inlineLines, isFold, pairSegments, readableWords, sideBySide, wordSides } from "./rows";

const text = (segments: { text: string }[]) => segments.map((s) => s.text).join("");
const marked = (segments: { text: string; changed: boolean }[]) => segments.filter((s) => s.changed).map((s) => s.text);

describe("invisible changes", () => {
  it("marks a line that differs only by its end of line or only by whitespace", () => {
    // The last line gains a newline: same text on both sides, so it must say why it changed.
    const eol = sideBySide(diffLines("a\nlast", "a\nlast\n"));
    expect(eol.map((r) => [r.kind, r.invisible])).toEqual([
      ["equal", undefined],
      ["change", "eol"],
    ]);
    expect(inlineLines(diffLines("a\nlast", "a\nlast\n")).map((l) => [l.kind, l.invisible])).toEqual([
      ["equal", undefined],
      ["delete", "eol"],
      ["insert", "eol"],
    ]);
    const ws = sideBySide(diffLines("docker  network ls\n", "docker network ls \n"));
    expect(ws.map((r) => [r.kind, r.invisible])).toEqual([["change", "whitespace"]]);
    // A real change is not invisible.
    expect(sideBySide(diffLines("docker network ls\n", "docker service ls\n"))[0].invisible).toBeUndefined();
  });
});

describe("sideBySide", () => {
  it("pairs a changed line and marks only the words that changed", () => {
    const rows = sideBySide(diffLines("a\nVXLAN uses UDP 4789\nz\n", "a\nVXLAN uses UDP port 4789\nz\n"));
    expect(rows.map((r) => r.kind)).toEqual(["equal", "change", "equal"]);
    const change = rows[1];
    expect(change.left).toMatchObject({ no: 2 });
    expect(change.right).toMatchObject({ no: 2 });
    expect(text(change.left!.segments)).toBe("VXLAN uses UDP 4789");
    expect(text(change.right!.segments)).toBe("VXLAN uses UDP port 4789");
    expect(marked(change.left!.segments)).toEqual([]);
    expect(marked(change.right!.segments).join("")).toBe("port ");
  });

  it("keeps the surplus of either side on its own row with correct line numbers", () => {
    const rows = sideBySide(diffLines("one\ntwo\nthree\n", "one\nTWO\nextra\nmore\nthree\n"));
    expect(rows.map((r) => [r.kind, r.left?.no ?? null, r.right?.no ?? null])).toEqual([
      ["equal", 1, 1],
      ["change", 2, 2],
      ["insert", null, 3],
      ["insert", null, 4],
      ["equal", 3, 5],
    ]);
    const rows2 = sideBySide(diffLines("a\nb\nc\n", "a\n"));
    expect(rows2.map((r) => [r.kind, r.left?.no ?? null, r.right?.no ?? null])).toEqual([
      ["equal", 1, 1],
      ["delete", 2, null],
      ["delete", 3, null],
    ]);
  });

  it("reproduces both texts exactly, Cyrillic and emoji included", () => {
    const before = "## Теорія\nOverlay-мережа 🐳 охоплює вузли\n\n```bash\ndocker swarm init\n```\n";
    const after = "## Теорія\nOverlay-мережа 🐳 з'єднує кілька вузлів\n\n```bash\ndocker swarm init --advertise-addr 192.168.1.10\n```\nкінець";
    const rows = sideBySide(diffLines(before, after));
    const left = rows.filter((r) => r.left).map((r) => text(r.left!.segments));
    const right = rows.filter((r) => r.right).map((r) => text(r.right!.segments));
    expect(left.join("\n") + "\n").toBe(before);
    expect(right.join("\n")).toBe(after);
  });
});

describe("inlineLines", () => {
  it("puts a block's removed lines before its added lines", () => {
    const lines = inlineLines(diffLines("x\na\nb\ny\n", "x\nA\nB\ny\n"));
    expect(lines.map((l) => [l.kind, l.oldNo, l.newNo, text(l.segments)])).toEqual([
      ["equal", 1, 1, "x"],
      ["delete", 2, null, "a"],
      ["delete", 3, null, "b"],
      ["insert", null, 2, "A"],
      ["insert", null, 3, "B"],
      ["equal", 4, 4, "y"],
    ]);
  });
});

describe("foldUnchanged", () => {
  it("keeps context around changes and folds the rest", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before.replace("line 10\n", "line ten\n");
    const folded = foldUnchanged(sideBySide(diffLines(before, after)), 2);
    expect(folded.map((x) => (isFold(x) ? `fold ${x.count}` : `${x.kind} ${x.left?.no}`))).toEqual([
      "fold 7",
      "equal 8",
      "equal 9",
      "change 10",
      "equal 11",
      "equal 12",
      "fold 8",
    ]);
  });

  it("folds everything when nothing changed", () => {
    const folded = foldUnchanged(sideBySide(diffLines("a\nb\n", "a\nb\n")));
    expect(folded).toEqual([{ kind: "fold", count: 2 }]);
  });
});

describe("word diffs", () => {
  it("marks removed words on the left and added words on the right", () => {
    const { left, right } = wordSides(diffWords("Overlay = multi-host", "Overlay = multi-host networking"));
    expect(marked(left)).toEqual([]);
    expect(marked(right).join("")).toBe(" networking");
    expect(pairSegments("a b c", "a c").left.filter((s) => s.changed).map((s) => s.text).join("")).toContain("b");
  });

  it("counts added and removed lines and words", () => {
    expect(diffStats(diffLines("a\nb\n", "a\nc\nd\n"), "lines")).toEqual({ added: 2, removed: 1 });
    expect(diffStats(diffWords("one two three", "one four"), "words")).toEqual({ added: 1, removed: 2 });
  });
});

describe("readableWords", () => {
  it("turns a mostly rewritten text into one removal and one addition", () => {
    const ops = diffWords("Що таке overlay-мережа Docker?", "Погана назва для overlay");
    expect(readableWords(ops)).toEqual([
      { op: "delete", text: "Що таке overlay-мережа Docker?" },
      { op: "insert", text: "Погана назва для overlay" },
    ]);
  });

  it("keeps a small edit as marked words", () => {
    const ops = diffWords("VXLAN uses UDP 4789 between hosts", "VXLAN uses UDP port 4789 between hosts");
    expect(readableWords(ops)).toBe(ops);
  });
});
