/**
 * Text diffs for moderators and history, by jsdiff (`diff`): over lines or words, with a cap on the
 * number of edits so a diff of two unrelated long texts cannot run long. Pure (no server imports), so
 * the browser uses it too.
 */
import { diffArrays } from "diff";

export type DiffOp = { op: "equal" | "insert" | "delete"; text: string };

/**
 * Beyond this many edits the diff degrades to "all removed, all added" instead of running long
 * (jsdiff's `maxEditLength`): such texts have nothing useful in common to show anyway.
 */
export const MAX_EDITS = 1_000;

/** Token diff: equal runs, deletions and insertions in order, neighbours of one kind joined. */
export function diffTokens(a: string[], b: string[]): DiffOp[] {
  // The common prefix and suffix cost jsdiff nothing to find, but trimming them first keeps the
  // edit cap about the changed middle only.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  const push = (op: DiffOp["op"], text: string) => {
    if (text === "") return;
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  push("equal", a.slice(0, start).join(""));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const changes = diffArrays(middleA, middleB, { maxEditLength: MAX_EDITS });
  if (changes === undefined) {
    push("delete", middleA.join(""));
    push("insert", middleB.join(""));
  } else {
    // jsdiff lists an insertion before the deletion it pairs with in some cases; a deletion first
    // reads better and is what the views expect (old, then new).
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      const next = changes[i + 1];
      if (c.added && next?.removed) {
        push("delete", next.value.join(""));
        push("insert", c.value.join(""));
        i++;
        continue;
      }
      push(c.added ? "insert" : c.removed ? "delete" : "equal", c.value.join(""));
    }
  }
  push("equal", a.slice(endA).join(""));
  return ops;
}

/** Lines, each keeping its newline, so joining the texts of a side gives that side back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Words, runs of spaces and single punctuation marks (Unicode-aware: Cyrillic words stay whole). */
export function splitWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

export function diffLines(a: string, b: string): DiffOp[] {
  return diffTokens(splitLines(a), splitLines(b));
}

/** Word-level diff for inline views; long texts fall back to lines to stay fast. */
export function diffWords(a: string, b: string): DiffOp[] {
  const wa = splitWords(a);
  const wb = splitWords(b);
  if (wa.length + wb.length > 20_000) return diffLines(a, b);
  return diffTokens(wa, wb);
}

/** Both sides of a diff, to check that it reproduces its inputs. */
export function sides(ops: DiffOp[]): { before: string; after: string } {
  return {
    before: ops.filter((o) => o.op !== "insert").map((o) => o.text).join(""),
    after: ops.filter((o) => o.op !== "delete").map((o) => o.text).join(""),
  };
}
