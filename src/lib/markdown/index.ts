/**
 * The one Markdown pipeline (pipeline.mjs), rendered in worker threads under a time budget
 * (render-pool.ts). Question pages, the edit preview and moderation views all render through it, so
 * a preview looks exactly like the published page.
 *
 * Two doors: `tryRenderDocument` says why a text could not be rendered (the preview shows it), and
 * `renderDocument` never fails — content already stored that cannot be rendered in time is shown as
 * plain, escaped text, so no page or moderation view can be broken by what is in the database.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Heading } from "./pipeline.mjs";
import { RenderPool, type RenderFailure, type RenderOutcome } from "./render-pool";
import { addRunInLab, type RunInLabOptions } from "./run-in-lab";

export type { Heading, RenderFailure, RenderOutcome, RunInLabOptions };
export { headingSlug } from "./pipeline.mjs";

/** Longer input is not rendered as Markdown: the largest field allowed anywhere is 60,000. */
export const MAX_MARKDOWN_LENGTH = 200_000;

/** What one render may cost (see docs/BENCHMARKS.md for what it does cost). */
export const RENDER_LIMITS = {
  /**
   * CPU time of one render: a backstop. markdown-it renders an ordinary 60,000-character answer in
   * under 10 ms, and the costliest 60,000-character texts we know (some 100,000 tokens: table rows,
   * headings, list items, links) in tens of milliseconds.
   */
  budgetMs: 500,
  /** Wall-clock time one render may take to get that CPU time on a busy machine. */
  wallCapMs: 3_000,
  maxHtmlLength: 2_000_000,
} as const;

const g = globalThis as unknown as { __markdownPool?: RenderPool };
function pool(): RenderPool {
  g.__markdownPool ??= new RenderPool({
    // One core stays free for answering requests (on 2 cores: one render thread).
    size: Math.max(1, Math.min(4, availableParallelism() - 1)),
    budgetMs: RENDER_LIMITS.budgetMs,
    wallCapMs: RENDER_LIMITS.wallCapMs,
    maxQueue: 64,
    maxWaitMs: 5_000,
    maxHtmlLength: RENDER_LIMITS.maxHtmlLength,
  });
  return g.__markdownPool;
}

// Texts that failed to render, by content hash: a stored text over the budget costs the budget once,
// not on every view of its page. Only failures are kept (a few bytes each); successes are the page
// cache's business.
const FAILED_MAX = 512;
const failed = new Map<string, RenderFailure>();
const digest = (markdown: string) => createHash("sha256").update(markdown).digest("base64url");

/** Sanitized HTML and its outline (h2–h4 with the ids the HTML carries), or why it was not rendered. */
export async function tryRenderDocument(markdown: string): Promise<RenderOutcome> {
  if (markdown.length > MAX_MARKDOWN_LENGTH) return { ok: false, reason: "too-large" };
  const key = markdown.length > 1_000 ? digest(markdown) : null;
  const known = key && failed.get(key);
  if (known) return { ok: false, reason: known };
  const outcome = await pool().render(markdown);
  // "busy", "failed" (a thread that died) and a starved render say nothing about the text itself.
  if (key && !outcome.ok && !isTransient(outcome)) {
    if (failed.size >= FAILED_MAX) failed.delete(failed.keys().next().value!);
    failed.set(key, outcome.reason);
  }
  return outcome;
}

/** How many texts the worker threads were given (a text known to fail is not given again). */
export function renderJobs(): number {
  return pool().jobs;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Marks HTML that stands in for a render that failed for the moment (the render threads were busy or
 * starved, or one crashed), not because of the text: the page cache does not keep a page that carries it,
 * so the next request renders it again (src/server/cache/page-cache-handler.mjs).
 */
export const RENDER_RETRY_ATTRIBUTE = "data-render-retry";

/** Whether a failure says nothing about the text: the same text may render on the next try. */
export const isTransient = (outcome: Extract<RenderOutcome, { ok: false }>) => outcome.reason === "busy" || outcome.reason === "failed" || outcome.starved === true;

/** The text as typed, escaped, in paragraphs: what a reader sees when the Markdown cannot be rendered. */
export function plainTextHtml(markdown: string, options: { retry?: boolean } = {}): string {
  const open = options.retry ? `<p class="md-plain" ${RENDER_RETRY_ATTRIBUTE}>` : `<p class="md-plain">`;
  return markdown
    .slice(0, MAX_MARKDOWN_LENGTH)
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `${open}${p.replace(/[&<>"']/g, (c) => ESCAPES[c]).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

/** Never throws: what cannot be rendered within the limits is shown as plain text. */
export async function renderDocument(markdown: string, options: { runInLab?: RunInLabOptions } = {}): Promise<{ html: string; headings: Heading[] }> {
  const outcome = await tryRenderDocument(markdown);
  if (outcome.ok) return { html: options.runInLab ? addRunInLab(outcome.html, options.runInLab) : outcome.html, headings: outcome.headings };
  console.warn(`markdown: shown as plain text (${outcome.reason}${outcome.starved ? ", starved" : ""}, ${markdown.length} characters)`);
  return { html: plainTextHtml(markdown, { retry: isTransient(outcome) }), headings: [] };
}

export async function renderMarkdown(markdown: string): Promise<string> {
  return (await renderDocument(markdown)).html;
}
