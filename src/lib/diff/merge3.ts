/**
 * A line-level three-way merge of one text field, for a moderator settling a conflict: what was
 * published since the suggestion's base and what the suggestion changes are combined wherever they
 * touch different lines, and each part says where it came from. Where both sides changed the same
 * lines (or lines next to each other), the suggestion's lines are used and the published ones are
 * kept beside them, so nothing is dropped without the moderator seeing it.
 */
import { diffTokens, splitLines } from "@/server/services/diff";

export type HunkSource = "base" | "current" | "proposed" | "both" | "conflict";

export interface Hunk {
  source: HunkSource;
  /** The lines this part contributes to the merged text. */
  text: string;
  /** For a conflict: the published (current) lines that `text` replaced. */
  current?: string;
}

export interface Merge3 {
  text: string;
  hunks: Hunk[];
  conflicts: number;
}

/** A change of one side against the base: base lines [start, end) become `lines`. */
interface Chunk {
  start: number;
  end: number;
  lines: string[];
}

function chunks(base: string[], other: string[]): Chunk[] {
  const out: Chunk[] = [];
  let i = 0;
  let open: Chunk | null = null;
  for (const op of diffTokens(base, other)) {
    const lines = splitLines(op.text);
    if (op.op === "equal") {
      if (open) out.push(open);
      open = null;
      i += lines.length;
      continue;
    }
    open ??= { start: i, end: i, lines: [] };
    if (op.op === "delete") {
      open.end += lines.length;
      i += lines.length;
    } else {
      open.lines.push(...lines);
    }
  }
  if (open) out.push(open);
  return out;
}

/** Base lines [start, end) with one side's chunks (all inside that range) applied. */
function apply(base: string[], start: number, end: number, side: Chunk[]): string {
  let out = "";
  let i = start;
  for (const c of side) {
    out += base.slice(i, c.start).join("") + c.lines.join("");
    i = c.end;
  }
  return out + base.slice(i, end).join("");
}

export function merge3(baseText: string, currentText: string, proposedText: string): Merge3 {
  const base = splitLines(baseText);
  const a = chunks(base, splitLines(currentText));
  const b = chunks(base, splitLines(proposedText));
  const hunks: Hunk[] = [];
  const push = (h: Hunk) => {
    if (h.text === "" && h.current === undefined) return;
    const last = hunks[hunks.length - 1];
    if (last && last.source === h.source && h.source !== "conflict") last.text += h.text;
    else hunks.push(h);
  };
  let pos = 0;
  let ia = 0;
  let ib = 0;
  while (ia < a.length || ib < b.length) {
    // The next change of either side starts a group; every change touching the group joins it.
    const first = ib >= b.length || (ia < a.length && a[ia].start <= b[ib].start) ? a[ia] : b[ib];
    const start = first.start;
    let end = first.end;
    const ga: Chunk[] = [];
    const gb: Chunk[] = [];
    for (;;) {
      if (ia < a.length && a[ia].start <= end && a[ia].start >= start) {
        end = Math.max(end, a[ia].end);
        ga.push(a[ia++]);
      } else if (ib < b.length && b[ib].start <= end && b[ib].start >= start) {
        end = Math.max(end, b[ib].end);
        gb.push(b[ib++]);
      } else break;
    }
    push({ source: "base", text: base.slice(pos, start).join("") });
    const fromA = apply(base, start, end, ga);
    const fromB = apply(base, start, end, gb);
    if (gb.length === 0) push({ source: "current", text: fromA });
    else if (ga.length === 0) push({ source: "proposed", text: fromB });
    else if (fromA === fromB) push({ source: "both", text: fromA });
    else push({ source: "conflict", text: fromB, current: fromA });
    pos = end;
  }
  push({ source: "base", text: base.slice(pos).join("") });
  return { text: hunks.map((h) => h.text).join(""), hunks, conflicts: hunks.filter((h) => h.source === "conflict").length };
}
