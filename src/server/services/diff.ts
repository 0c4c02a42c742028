/**
 * Text diffs for moderators and history: Myers' O((N+M)·D) algorithm over lines or words, with the
 * common prefix and suffix trimmed first. Pure (no server imports), so the browser can use it too.
 */

export type DiffOp = { op: "equal" | "insert" | "delete"; text: string };

/** Beyond this many edits the diff degrades to "all removed, all added" instead of running long. */
const MAX_EDITS = 4_000;

function myers(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
    if (found >= 0) {
      trace.push(v.slice());
      break;
    }
  }
  if (found < 0) {
    return [
      ...a.map((text) => ({ op: "delete" as const, text })),
      ...b.map((text) => ({ op: "insert" as const, text })),
    ];
  }
  // Walk back through the trace. trace[d+1] holds the frontier reached after d edits.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: "equal", text: a[--x] });
      y--;
    }
    if (down) ops.push({ op: "insert", text: b[--y] });
    else ops.push({ op: "delete", text: a[--x] });
  }
  while (x > 0 && y > 0) {
    ops.push({ op: "equal", text: a[--x] });
    y--;
  }
  return ops.reverse();
}

function merge(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const o of ops) {
    const last = out[out.length - 1];
    if (last && last.op === o.op) last.text += o.text;
    else out.push({ ...o });
  }
  return out;
}

export function diffTokens(a: string[], b: string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  for (let i = 0; i < start; i++) ops.push({ op: "equal", text: a[i] });
  ops.push(...myers(a.slice(start, endA), b.slice(start, endB)));
  for (let i = endA; i < a.length; i++) ops.push({ op: "equal", text: a[i] });
  return merge(ops);
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
