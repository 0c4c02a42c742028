/**
 * "Run in lab" links after the article's shell blocks. Added to the HTML the pipeline produced (in the
 * worker thread) on the page that asks for them, so previews and moderation views stay without; the
 * HTML here is the sanitized pipeline's own output, whose shape (heading ids, `<pre><code class>`) is fixed.
 */
import { runInLabHref, scriptFromBlock } from "@/lib/lab/script";

/** Where "Run in lab" links go: the page's locale, path and title (the section comes from the headings). */
export interface RunInLabOptions {
  locale: string;
  path: string;
  title: string;
  label: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The text of an HTML fragment: tags dropped, character references decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
      if (ref[0] !== "#") return ENTITIES[ref.toLowerCase()] ?? m;
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
}

const attr = (s: string) => s.replace(/&/g, "&#x26;").replace(/"/g, "&#x22;").replace(/</g, "&#x3C;");
const text = (s: string) => s.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;");

// A heading (h2–h4, with the id the pipeline gave it) or a fenced code block, in document order.
const PIECES = /<(h[2-4]) id="([^"]*)">([\s\S]*?)<\/\1>|<pre><code class="([^"]*)">([\s\S]*?)<\/code><\/pre>/g;

/** After each bash/sh block that holds commands, a link to the lab carrying them and the section they come from. */
export function addRunInLab(html: string, options: RunInLabOptions): string {
  let section = { id: "", title: options.title };
  return html.replace(PIECES, (whole, _tag: string | undefined, id: string | undefined, heading: string | undefined, classes: string | undefined, code: string | undefined) => {
    if (heading !== undefined) {
      section = { id: htmlText(id ?? ""), title: htmlText(heading).trim() };
      return whole;
    }
    const langs = (classes ?? "").split(/\s+/);
    if (!langs.includes("language-bash") && !langs.includes("language-sh")) return whole;
    const steps = scriptFromBlock(htmlText(code ?? "")).slice(0, 100);
    if (steps.length === 0) return whole;
    const href = runInLabHref(options.locale, {
      steps,
      source: { href: `${options.path}${section.id ? `#${section.id}` : ""}`, title: section.title },
    });
    return `${whole}<p class="run-in-lab"><a href="${attr(href)}" data-testid="run-in-lab">▶ ${text(options.label)}</a></p>`;
  });
}
