/**
 * "Suggest an edit" per section of an article, as Wikipedia's section edit links work: the question
 * page puts a plain link beside each heading (server-rendered, no script), and the edit form finds the
 * same section in the Markdown it holds and puts the caret there.
 *
 * The link is added to the HTML the pipeline produced (its shape — `<hN id="…">` — is fixed by the
 * pipeline and its sanitizer), after rendering, on the question page only; previews and moderation
 * views stay without.
 */

/** What a section link carries to the form: the heading's id on the page and its place among the headings. */
export interface SectionTarget {
  /** The heading id (`#how-vxlan-encapsulation-works`). */
  id: string;
  /** The heading's text as the page shows it. */
  text: string;
  /** Its index among the h2–h4 headings of the rendered answer (0-based). */
  ordinal: number;
}

export interface SectionLinkOptions {
  /** The edit form's address for a heading id. */
  href: (id: string) => string;
  /** Visible text of each link ("Edit"). */
  label: string;
  /** The link's accessible name for a section's title ("Suggest an edit to the section «…»"). */
  accessibleName: (title: string) => string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The text of an HTML fragment: tags dropped, character references decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
      if (ref[0] !== "#") return ENTITIES[ref.toLowerCase()] ?? m;
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
}

const attr = (s: string) => s.replace(/&/g, "&#x26;").replace(/"/g, "&#x22;").replace(/</g, "&#x3C;").replace(/>/g, "&#x3E;");
const escapeText = (s: string) => s.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;").replace(/>/g, "&#x3E;");

const HEADING = /<(h[2-4]) id="([^"]*)">([\s\S]*?)<\/\1>/g;

/**
 * Wraps each h2–h4 heading with an edit link beside it: `<div class="section-head">heading link</div>`.
 * The heading keeps its id and its text (the outline, "Run in lab" and quiz links point at it).
 */
export function addSectionEditLinks(html: string, options: SectionLinkOptions): string {
  return html.replace(HEADING, (whole, tag: string, id: string, inner: string) => {
    const title = htmlText(inner).trim();
    const href = options.href(htmlText(id));
    return (
      `<div class="section-head section-head-${tag}">${whole}` +
      `<a class="section-edit" href="${attr(href)}" aria-label="${attr(options.accessibleName(title))}" data-testid="section-edit">` +
      `${escapeText(options.label)}</a></div>`
    );
  });
}

/** A Markdown heading of depth 2–4 found in the source: where its line starts and ends, and its plain text. */
export interface SourceHeading {
  depth: number;
  text: string;
  /** Offset of the heading line's first character. */
  start: number;
  /** Offset just past the heading line (the setext underline included). */
  lineEnd: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/** Inline Markdown reduced to the text a reader sees (close enough to compare headings). */
export function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1/g, "$2")
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The h2–h4 headings of a Markdown text in document order (ATX `## x` and setext underlines, never
 * inside fenced code), which is the order the pipeline numbers them in.
 */
export function sourceHeadings(markdown: string): SourceHeading[] {
  const out: SourceHeading[] = [];
  const lines = markdown.split("\n");
  let offset = 0;
  let fence: string | null = null;
  let previous: { start: number; text: string; blank: boolean; inParagraph: boolean } | null = null;
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const bare = line.replace(/\r$/, "");
    const fenceMatch = FENCE.exec(bare);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && bare.trim() === fenceMatch[1]) fence = null;
      previous = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      previous = null;
      continue;
    }
    const atx = ATX.exec(bare);
    if (atx) {
      const depth = atx[1].length;
      if (depth >= 2 && depth <= 4) out.push({ depth, text: plainInline(atx[2] ?? ""), start, lineEnd: start + line.length });
      previous = null;
      continue;
    }
    const setext = SETEXT.exec(bare);
    // A setext underline under a paragraph line: "-" makes an h2 (a "-" line after a blank is a rule).
    if (setext && previous && previous.inParagraph && setext[1][0] === "-") {
      out.push({ depth: 2, text: plainInline(previous.text), start: previous.start, lineEnd: start + line.length });
      previous = null;
      continue;
    }
    const blank = bare.trim() === "";
    const listOrQuote = /^ {0,3}([-*+]|\d+[.)]|>)\s/.test(bare) || /^( {4}|\t)/.test(bare);
    previous = blank ? null : { start, text: bare, blank, inParagraph: !listOrQuote && (previous === null || previous.inParagraph) };
  }
  return out;
}

const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/**
 * The heading of `markdown` a section link points at: the one at the same place among the headings
 * when its text agrees, otherwise the nearest heading with that text (the draft may have moved it),
 * otherwise the one at that place. Null when there is none.
 */
export function findSection(markdown: string, target: Pick<SectionTarget, "text" | "ordinal">): SourceHeading | null {
  const headings = sourceHeadings(markdown);
  const want = norm(target.text);
  const same = headings[target.ordinal];
  if (same && norm(same.text) === want) return same;
  const byText = headings
    .map((h, i) => ({ h, d: Math.abs(i - target.ordinal) }))
    .filter(({ h }) => norm(h.text) === want)
    .sort((a, b) => a.d - b.d)[0];
  return byText?.h ?? same ?? null;
}
