/**
 * Markdown split into blocks (paragraphs, headings, lists, tables, fenced code kept whole) and a
 * diff over them, so the rendered view can highlight the blocks a change touches. Pure.
 */
import { diffTokens } from "./text";

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** Blocks of Markdown source, separated by blank lines; a fenced code block is one block. */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (current.length > 0) blocks.push(current.join("\n"));
    current = [];
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const open = FENCE.exec(line);
    if (fence) {
      current.push(line);
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1]) fence = null;
      continue;
    }
    if (open) {
      fence = open[1];
      current.push(line);
      continue;
    }
    if (line.trim() === "") flush();
    else current.push(line);
  }
  flush();
  return blocks;
}

export interface BlockRow {
  kind: "equal" | "change";
  /** Blocks of the old text in this row (one when equal). */
  before: string[];
  /** Blocks of the new text in this row. */
  after: string[];
}

/** Rows of blocks: unchanged blocks alone, each run of changed blocks as removed-beside-added. */
export function blockRows(before: string, after: string): BlockRow[] {
  const rows: BlockRow[] = [];
  for (const op of diffTokens(splitBlocks(before).map((b) => `${b}\u0000`), splitBlocks(after).map((b) => `${b}\u0000`))) {
    const blocks = op.text.split("\u0000").slice(0, -1);
    if (op.op === "equal") {
      for (const b of blocks) rows.push({ kind: "equal", before: [b], after: [b] });
      continue;
    }
    const last = rows[rows.length - 1];
    const row = last && last.kind === "change" ? last : (rows[rows.push({ kind: "change", before: [], after: [] }) - 1] as BlockRow);
    (op.op === "delete" ? row.before : row.after).push(...blocks);
  }
  return rows;
}
