/**
 * The one Markdown pipeline (pipeline.mjs), rendered in worker threads under a time budget
 * (render-pool.ts). Question pages, the edit preview and moderation views all render through it, so
 * a preview looks exactly like the published page.
 *
 * Two doors: `tryRenderDocument` says why a text could not be rendered (the preview shows it), and
 * `renderDocument` never fails — content already stored that cannot be rendered in time is shown as
 * plain, escaped text, so no page or moderation view can be broken by what is in the database.
 */
import type { Heading } from "./pipeline.mjs";
import { RenderPool, type RenderFailure, type RenderOutcome } from "./render-pool";

export type { Heading, RenderFailure, RenderOutcome };
export { headingSlug } from "./pipeline.mjs";

/** Longer input is not rendered as Markdown: the largest field allowed anywhere is 60,000. */
export const MAX_MARKDOWN_LENGTH = 200_000;

/** What one render may cost (see docs/BENCHMARKS.md for what it does cost). */
export const RENDER_LIMITS = {
  budgetMs: 1_000,
  maxHtmlLength: 2_000_000,
} as const;

const g = globalThis as unknown as { __markdownPool?: RenderPool };
function pool(): RenderPool {
  g.__markdownPool ??= new RenderPool({
    size: 2,
    budgetMs: RENDER_LIMITS.budgetMs,
    maxQueue: 64,
    maxWaitMs: 5_000,
    maxHtmlLength: RENDER_LIMITS.maxHtmlLength,
  });
  return g.__markdownPool;
}

/** Sanitized HTML and its outline (h2–h4 with the ids the HTML carries), or why it was not rendered. */
export async function tryRenderDocument(markdown: string): Promise<RenderOutcome> {
  if (markdown.length > MAX_MARKDOWN_LENGTH) return { ok: false, reason: "too-large" };
  return pool().render(markdown);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The text as typed, escaped, in paragraphs: what a reader sees when the Markdown cannot be rendered. */
export function plainTextHtml(markdown: string): string {
  return markdown
    .slice(0, MAX_MARKDOWN_LENGTH)
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p class="md-plain">${p.replace(/[&<>"']/g, (c) => ESCAPES[c]).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

/** Never throws: what cannot be rendered within the limits is shown as plain text. */
export async function renderDocument(markdown: string): Promise<{ html: string; headings: Heading[] }> {
  const outcome = await tryRenderDocument(markdown);
  if (outcome.ok) return { html: outcome.html, headings: outcome.headings };
  console.warn(`markdown: shown as plain text (${outcome.reason}, ${markdown.length} characters)`);
  return { html: plainTextHtml(markdown), headings: [] };
}

export async function renderMarkdown(markdown: string): Promise<string> {
  return (await renderDocument(markdown)).html;
}
