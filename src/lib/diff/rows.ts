/**
 * Views of a diff for people: inline lines, side-by-side rows (changed lines paired, with the words
 * that changed inside them marked) and hunks that fold long unchanged stretches. The diff itself
 * (Myers over lines or words) is the server's pure module, so the browser and the server agree.
 */
import { diffLines, diffWords, splitLines, type DiffOp } from "./text";

export type { DiffOp };
export { diffLines, diffWords };

/** A run of text inside a line; `changed` marks the words that differ from the other side. */
export interface Segment {
  text: string;
  changed: boolean;
}

export type LineKind = "equal" | "delete" | "insert";

/**
 * Why a changed line looks the same on both sides: only its end of line changed (a newline added or
 * removed at the end of the text), or only whitespace. Readers would otherwise see a line removed
 * and re-added with identical text.
 */
export type Invisible = "eol" | "whitespace";

export interface InlineLine {
  kind: LineKind;
  invisible?: Invisible;
  /** 1-based line numbers on each side; null on the side the line does not exist. */
  oldNo: number | null;
  newNo: number | null;
  segments: Segment[];
}

export interface Cell {
  no: number;
  segments: Segment[];
}

export interface SideRow {
  kind: "equal" | "change" | "delete" | "insert";
  invisible?: Invisible;
  left: Cell | null;
  right: Cell | null;
}

/** A fold: `count` unchanged lines hidden between the hunks. */
export interface Fold {
  kind: "fold";
  count: number;
}

const stripNewline = (line: string) => (line.endsWith("\n") ? line.slice(0, -1) : line);

/** The line ops, one entry per line (a line op may hold several lines). */
function perLine(ops: DiffOp[]): { kind: LineKind; text: string; newline: boolean }[] {
  return ops.flatMap((o) => splitLines(o.text).map((line) => ({ kind: o.op, text: stripNewline(line), newline: line.endsWith("\n") })));
}

/** What kind of invisible change a pair of lines differs by, if that is all. */
export function invisibleChange(a: { text: string; newline: boolean }, b: { text: string; newline: boolean }): Invisible | undefined {
  if (a.text === b.text) return a.newline !== b.newline ? "eol" : undefined;
  const squeeze = (s: string) => s.replace(/\s+/g, "");
  return squeeze(a.text) === squeeze(b.text) ? "whitespace" : undefined;
}

/** Word-level marks for a pair of changed lines: what was removed on the left, added on the right. */
export function pairSegments(before: string, after: string): { left: Segment[]; right: Segment[] } {
  return wordSides(readableWords(diffWords(before, after)));
}

const whole = (text: string, changed: boolean): Segment[] => (text === "" ? [] : [{ text, changed }]);

/**
 * Side-by-side rows from a LINE diff: a block of deleted lines followed by inserted lines is paired
 * line by line (changed words marked); the surplus of either side stands alone.
 */
export function sideBySide(ops: DiffOp[]): SideRow[] {
  const lines = perLine(ops);
  const rows: SideRow[] = [];
  let oldNo = 0;
  let newNo = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind === "equal") {
      oldNo++;
      newNo++;
      const segments = whole(line.text, false);
      rows.push({ kind: "equal", left: { no: oldNo, segments }, right: { no: newNo, segments } });
      i++;
      continue;
    }
    const deleted: (typeof lines)[number][] = [];
    const inserted: (typeof lines)[number][] = [];
    while (i < lines.length && lines[i].kind === "delete") deleted.push(lines[i++]);
    while (i < lines.length && lines[i].kind === "insert") inserted.push(lines[i++]);
    const n = Math.max(deleted.length, inserted.length);
    for (let k = 0; k < n; k++) {
      const a = deleted[k];
      const b = inserted[k];
      if (a !== undefined && b !== undefined) {
        const { left, right } = pairSegments(a.text, b.text);
        const invisible = invisibleChange(a, b);
        rows.push({
          kind: "change",
          ...(invisible ? { invisible } : {}),
          left: { no: ++oldNo, segments: left },
          right: { no: ++newNo, segments: right },
        });
      } else if (a !== undefined) {
        rows.push({ kind: "delete", left: { no: ++oldNo, segments: whole(a.text, true) }, right: null });
      } else {
        rows.push({ kind: "insert", left: null, right: { no: ++newNo, segments: whole(b.text, true) } });
      }
    }
  }
  return rows;
}

/** Inline lines from a LINE diff: removed lines then added lines, changed words marked in pairs. */
export function inlineLines(ops: DiffOp[]): InlineLine[] {
  const out: InlineLine[] = [];
  for (const row of sideBySide(ops)) {
    if (row.kind === "equal") {
      out.push({ kind: "equal", oldNo: row.left!.no, newNo: row.right!.no, segments: row.left!.segments });
      continue;
    }
    const invisible = row.invisible ? { invisible: row.invisible } : {};
    if (row.left) out.push({ kind: "delete", oldNo: row.left.no, newNo: null, segments: row.left.segments, ...invisible });
    if (row.right) out.push({ kind: "insert", oldNo: null, newNo: row.right.no, segments: row.right.segments, ...invisible });
  }
  // Pairs come out as delete, insert, delete, insert; readers expect the removed block first.
  return groupChanges(out);
}

function groupChanges(lines: InlineLine[]): InlineLine[] {
  const out: InlineLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind === "equal") {
      out.push(lines[i++]);
      continue;
    }
    const block: InlineLine[] = [];
    while (i < lines.length && lines[i].kind !== "equal") block.push(lines[i++]);
    out.push(...block.filter((l) => l.kind === "delete"), ...block.filter((l) => l.kind === "insert"));
  }
  return out;
}

/**
 * Keeps `context` unchanged items around every change and folds the rest. With no change at all,
 * everything is folded into one fold (callers say "no changes").
 */
export function foldUnchanged<T extends { kind: string }>(items: T[], context = 3): (T | Fold)[] {
  const keep = new Array<boolean>(items.length).fill(false);
  items.forEach((item, i) => {
    if (item.kind === "equal") return;
    for (let k = Math.max(0, i - context); k <= Math.min(items.length - 1, i + context); k++) keep[k] = true;
  });
  const out: (T | Fold)[] = [];
  let hidden = 0;
  items.forEach((item, i) => {
    if (keep[i]) {
      if (hidden > 0) out.push({ kind: "fold", count: hidden });
      hidden = 0;
      out.push(item);
    } else hidden++;
  });
  if (hidden > 0) out.push({ kind: "fold", count: hidden });
  return out;
}

export const isFold = (x: { kind: string }): x is Fold => x.kind === "fold";

/** How much a diff adds and removes (in lines for line diffs, in words for word diffs). */
export function diffStats(ops: DiffOp[], unit: "lines" | "words"): { added: number; removed: number } {
  const count = (text: string) =>
    unit === "lines" ? splitLines(text).length : (text.match(/[\p{L}\p{N}_]+/gu) ?? []).length;
  let added = 0;
  let removed = 0;
  for (const o of ops) {
    if (o.op === "insert") added += count(o.text);
    if (o.op === "delete") removed += count(o.text);
  }
  return { added, removed };
}

/** Word ops as two sides of segments (for the short fields: title, short answer). */
export function wordSides(ops: DiffOp[]): { left: Segment[]; right: Segment[] } {
  const left: Segment[] = [];
  const right: Segment[] = [];
  for (const o of ops) {
    if (o.op !== "insert") left.push({ text: o.text, changed: o.op === "delete" });
    if (o.op !== "delete") right.push({ text: o.text, changed: o.op === "insert" });
  }
  return { left, right };
}

/**
 * A word diff that kept little in common reads as confetti ("Що~Погана~ таке~назва~…"). When less
 * than `keep` (30%) of the words survive, show it as the old text removed and the new text added.
 */
export function readableWords(ops: DiffOp[], keep = 0.3): DiffOp[] {
  const words = (text: string) => (text.match(/[\p{L}\p{N}_]+/gu) ?? []).length;
  let same = 0;
  let before = 0;
  let after = 0;
  for (const o of ops) {
    const n = words(o.text);
    if (o.op === "equal") same += n;
    if (o.op !== "insert") before += n;
    if (o.op !== "delete") after += n;
  }
  const longer = Math.max(before, after);
  if (longer === 0 || same / longer >= keep) return ops;
  const oldText = ops.filter((o) => o.op !== "insert").map((o) => o.text).join("");
  const newText = ops.filter((o) => o.op !== "delete").map((o) => o.text).join("");
  return [
    ...(oldText ? [{ op: "delete" as const, text: oldText }] : []),
    ...(newText ? [{ op: "insert" as const, text: newText }] : []),
  ];
}
