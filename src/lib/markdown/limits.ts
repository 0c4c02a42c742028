/**
 * Limits on the Markdown constructs whose cost grows faster than their size, checked in one linear
 * pass before anything is parsed. The submit form, the preview and the server all use it (it is pure
 * and imports nothing), so the contributor learns what to change while typing, and the renderer's
 * time budget (render-pool.ts) is only the last line of defence.
 *
 * The limits were set against the renderer of the time, remark-parse 11 + remark-gfm 4 (micromark),
 * on 60 KB inputs: emphasis runs in one paragraph cost the square of their number (`*a` ×30,000:
 * 4.5 s), so did brackets (`[a]` ×20,000: 1.6 s) and setext underlines (`a\n=\n` ×15,000: 36 s);
 * block quotes and lists nested on one line cost more than the square of their depth (`- ` ×5,000:
 * 17 s) and, deep enough, overflowed the stack. markdown-it, which renders now, takes tens of
 * milliseconds at most on each of these; the limits stay, so that what a contributor may submit does
 * not depend on one parser's weak spots, and the costliest text accepted stays far below the budget.
 */
export const MARKDOWN_LIMITS = {
  /** Block quotes and lists inside each other. */
  nesting: 8,
  /** Emphasis, strong and strikethrough markers (`*`, `_`, `~`) directly inside each other. */
  emphasisNesting: 6,
  /** Links and images inside each other's text. */
  bracketNesting: 4,
  /** Emphasis marker runs in one paragraph. */
  emphasisRuns: 400,
  /** Square brackets in one paragraph. */
  brackets: 400,
  /** Lines that underline a heading or draw a rule (`===`, `---`). */
  underlines: 300,
  /** `#` headings (15,000 of them took over a second). */
  headings: 500,
  /** Lines with a `|` outside code: table rows (10,000 took over a second). */
  tableRows: 1_000,
} as const;

export type MarkdownProblem =
  | { kind: "nesting"; line: number; found: number }
  | { kind: "emphasisNesting"; line: number; found: number }
  | { kind: "bracketNesting"; line: number; found: number }
  | { kind: "emphasisRuns"; line: number; found: number }
  | { kind: "brackets"; line: number; found: number }
  | { kind: "underlines"; line: number; found: number }
  | { kind: "headings"; line: number; found: number }
  | { kind: "tableRows"; line: number; found: number };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

/** Block quote and list markers at the start of a line, and the indentation that could nest deeper. */
function containerDepth(line: string): { depth: number; rest: string } {
  let i = 0;
  let markers = 0;
  let indent = 0;
  for (;;) {
    const start = i;
    let cols = 0;
    while (line[i] === " " || line[i] === "\t") cols += line[i++] === "\t" ? 4 : 1;
    // The one space after a marker belongs to it; more may continue a list from an earlier line.
    indent += markers > 0 && cols > 0 ? cols - 1 : cols;
    if (line[i] === ">") {
      markers++;
      i++;
      continue;
    }
    const list = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 11));
    if (list) {
      markers++;
      i += list[0].length;
      continue;
    }
    if (i === start && cols === 0) break;
    break;
  }
  // Each level of indentation-nested list needs two columns at least ("-" and a space).
  return { depth: markers > 0 ? markers + Math.floor(indent / 2) : 0, rest: line.slice(i) };
}

/**
 * The first limit the text exceeds, or null. Linear in the length of the text. Lines inside fenced
 * code are not Markdown and are skipped (except that a fence must still be found to end).
 */
export function markdownProblem(markdown: string): MarkdownProblem | null {
  const lines = markdown.split("\n");
  let fence: string | null = null;
  let runs = 0;
  let brackets = 0;
  let underlines = 0;
  let headings = 0;
  let tableRows = 0;
  let paragraphLine = 1;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const lineNo = n + 1;
    const { depth, rest } = containerDepth(line);
    const fenceMatch = FENCE.exec(rest);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    if (depth > MARKDOWN_LIMITS.nesting) return { kind: "nesting", line: lineNo, found: depth };
    if (rest.trim() === "") {
      runs = 0;
      brackets = 0;
      paragraphLine = lineNo + 1;
      continue;
    }
    if (UNDERLINE.test(line) && ++underlines > MARKDOWN_LIMITS.underlines) {
      return { kind: "underlines", line: lineNo, found: underlines };
    }
    if (ATX_HEADING.test(rest) && ++headings > MARKDOWN_LIMITS.headings) return { kind: "headings", line: lineNo, found: headings };
    if (rest.includes("|") && ++tableRows > MARKDOWN_LIMITS.tableRows) return { kind: "tableRows", line: lineNo, found: tableRows };
    let stretch = 0;
    let bracketDepth = 0;
    let inCode = false;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if (c === "\\") {
        i++;
        stretch = 0;
        continue;
      }
      if (c === "`") inCode = !inCode;
      if (inCode) continue;
      if (c === "*" || c === "_" || c === "~") {
        if (i === 0 || rest[i - 1] !== c) runs++;
        stretch++;
        if (stretch > MARKDOWN_LIMITS.emphasisNesting && !/^([*_~])(?:[ \t]*\1)*[ \t]*$/.test(rest)) {
          return { kind: "emphasisNesting", line: lineNo, found: stretch };
        }
        continue;
      }
      stretch = 0;
      if (c === "[") {
        brackets++;
        if (++bracketDepth > MARKDOWN_LIMITS.bracketNesting) return { kind: "bracketNesting", line: lineNo, found: bracketDepth };
      } else if (c === "]" && bracketDepth > 0) bracketDepth--;
    }
    if (runs > MARKDOWN_LIMITS.emphasisRuns) return { kind: "emphasisRuns", line: paragraphLine, found: runs };
    if (brackets > MARKDOWN_LIMITS.brackets) return { kind: "brackets", line: paragraphLine, found: brackets };
  }
  return null;
}

/** What to tell the contributor, in the words of the form. */
export function markdownProblemMessage(label: string, p: MarkdownProblem): string {
  const L = MARKDOWN_LIMITS;
  switch (p.kind) {
    case "nesting":
      return `${label} nests block quotes and lists ${p.found} levels deep (line ${p.line}); at most ${L.nesting} levels are allowed.`;
    case "emphasisNesting":
      return `${label} has ${p.found} emphasis markers (* _ ~) in a row (line ${p.line}); at most ${L.emphasisNesting} can nest.`;
    case "bracketNesting":
      return `${label} nests links or images ${p.found} deep (line ${p.line}); at most ${L.bracketNesting} levels are allowed.`;
    case "emphasisRuns":
      return `${label} has ${p.found} emphasis markers (* _ ~) in the paragraph starting on line ${p.line}; at most ${L.emphasisRuns} per paragraph — split it or escape them with \\.`;
    case "brackets":
      return `${label} has ${p.found} square brackets in the paragraph starting on line ${p.line}; at most ${L.brackets} per paragraph — split it or escape them with \\.`;
    case "underlines":
      return `${label} has more than ${L.underlines} lines of only = or - (headings or rules); use # headings.`;
    case "headings":
      return `${label} has more than ${L.headings} headings; at most ${L.headings} are allowed.`;
    case "tableRows":
      return `${label} has more than ${L.tableRows} table rows (lines with |); at most ${L.tableRows} are allowed.`;
  }
}
