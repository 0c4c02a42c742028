import { describe, expect, it } from "vitest";
import {
  headingSlug,
  MAX_MARKDOWN_LENGTH,
  RENDER_LIMITS,
  RENDER_RETRY_ATTRIBUTE,
  renderDocument,
  renderJobs,
  renderMarkdown,
  tryRenderDocument,
  type RenderOutcome,
} from ".";
import { RenderPool } from "./render-pool";

describe("renderMarkdown", () => {
  it("renders GFM: headings with ids, lists, tables, highlighted code", async () => {
    const html = await renderMarkdown(
      "## How VXLAN works\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```bash\n# On a Swarm manager\ndocker swarm init --advertise-addr 192.168.1.10\n```\n",
    );
    expect(html).toContain('<h2 id="how-vxlan-works">How VXLAN works</h2>');
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<table>");
    expect(html).toMatch(/<pre><code class="hljs language-bash">.*<span class="hljs-comment"># On a Swarm manager</s);
  });

  it("returns the outline of h2–h4 with the ids the HTML carries", async () => {
    const { html, headings } = await renderDocument("# Title\n\n## Theory\n\n### Without `--attachable`\n\n```\n## not a heading\n```");
    expect(headings).toEqual([
      { depth: 2, id: "theory", text: "Theory" },
      { depth: 3, id: "without-attachable", text: "Without --attachable" },
    ]);
    expect(html).toContain('<h3 id="without-attachable">');
  });

  it("keeps an ASCII diagram intact and unhighlighted", async () => {
    const diagram = "+-----+     +-----+\n| A   | ──► | B   |\n+-----+     +-----+";
    const html = await renderMarkdown("```\n" + diagram + "\n```");
    expect(html).toBe(`<pre><code>${diagram.replaceAll(">", "&gt;")}\n</code></pre>`);
  });

  it("gives Cyrillic headings readable ids and de-duplicates them", async () => {
    const html = await renderMarkdown("## Типові помилки\n\n## Типові помилки");
    expect(html).toContain('id="типові-помилки"');
    expect(html).toContain('id="типові-помилки-1"');
    expect(headingSlug("TL;DR")).toBe("tldr");
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["an img with onerror", '<img src="x" onerror="alert(1)">'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["an svg with script", '<svg><script>alert(1)</script><circle onload="alert(1)"/></svg>'],
    ["a style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
  ])("drops raw HTML: %s", async (_name, input) => {
    const html = await renderMarkdown(`before\n\n${input}\n\nafter`);
    expect(html).not.toMatch(/<script|onerror|onload|<iframe|<svg|style=|javascript:/i);
    expect(html).toContain("before");
    expect(html).toContain("after");
  });

  it.each([
    ["javascript:", "[x](javascript:alert(1))"],
    ["JaVaScRiPt: with entities", "[x](&#106;avascript:alert(1))"],
    ["data:", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript:", "[x](vbscript:msgbox(1))"],
    ["an image with javascript:", "![x](javascript:alert(1))"],
  ])("neutralises %s links", async (_name, input) => {
    const html = await renderMarkdown(input);
    expect(html).not.toMatch(/(href|src)="(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:text/i);
  });

  it("keeps safe links and marks external ones", async () => {
    const html = await renderMarkdown("[in](/en/q/overlay-vs-bridge) [out](https://docs.docker.com/) [mail](mailto:a@b.c)");
    expect(html).toContain('<a href="/en/q/overlay-vs-bridge">in</a>');
    expect(html).toContain('<a href="https://docs.docker.com/" rel="noopener noreferrer nofollow">out</a>');
    expect(html).toContain('<a href="mailto:a@b.c">mail</a>');
  });

  it("shows only this site's images; another site's image becomes a link, so opening a page tells that site nothing", async () => {
    const own = "a".repeat(64);
    expect(await renderMarkdown(`![diagram](/api/images/${own})`)).toBe(`<p><img src="/api/images/${own}" alt="diagram"></p>`);
    expect(await renderMarkdown("![pixel](https://tracker.example/p.gif?who=me)")).toBe(
      '<p><a href="https://tracker.example/p.gif?who=me" rel="noopener noreferrer nofollow">pixel</a></p>',
    );
    for (const md of ["![x](//tracker.example/p.gif)", "![](http://tracker.example/p.gif)"]) {
      expect(await renderMarkdown(md), md).not.toContain("<img");
    }
    expect(await renderMarkdown("[![badge](https://tracker.example/b.svg)](https://x.example)")).toBe(
      '<p><a href="https://x.example" rel="noopener noreferrer nofollow"><span>badge</span></a></p>',
    );
  });

  it("escapes text that looks like HTML inside code", async () => {
    expect(await renderMarkdown("`<b>x</b>`")).toBe("<p><code>&lt;b&gt;x&lt;/b&gt;</code></p>");
  });

  it("refuses input over the cap, and shows it as plain text instead of failing", async () => {
    const long = "x".repeat(MAX_MARKDOWN_LENGTH + 1);
    expect(await tryRenderDocument(long)).toEqual({ ok: false, reason: "too-large" });
    expect(await renderMarkdown(long)).toMatch(/^<p class="md-plain">x+<\/p>$/);
  });
});

/** How long the event loop went without a turn while `work` ran (timers every 5 ms). */
async function worstStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; tookMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  try {
    const result = await work();
    return { result, stallMs, tookMs: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}

describe("rendering is bounded for any input", () => {
  // Each of these took seconds (the first up to 32 s) on the request thread with the earlier parser
  // (remark), or overflowed the stack; markdown-it renders them in milliseconds, or refuses them.
  const HOSTILE: [string, string, Partial<RenderOutcome>][] = [
    ["nested emphasis runs", "**_".repeat(20_000), { ok: true }],
    ["unmatched emphasis", "*a".repeat(30_000), { ok: true }],
    ["lists nested on one line", "- ".repeat(5_000) + "x", { ok: false, reason: "too-deep" }],
    ["setext underlines", "a\n=\n".repeat(15_000), { ok: true }],
  ];

  it.each(HOSTILE)("%s: rendered off the event loop, in time far from quadratic", async (_name, markdown, expected) => {
    // A pool with room to spare: whether the production budget (500 ms of CPU, 3 s of wall clock) holds for
    // these is a figure, measured by scripts/bench-markdown.ts; on a loaded machine the production pool would
    // rightly refuse them as too slow. Its CPU budget is the bound: each took seconds of CPU (up to 32 s) with
    // the quadratic parser markdown-it replaced, and would be refused as too slow here.
    const roomy = new RenderPool({ size: 1, budgetMs: 10_000, wallCapMs: 30_000, maxQueue: 4, maxWaitMs: 30_000, maxHtmlLength: RENDER_LIMITS.maxHtmlLength });
    try {
      const { result, stallMs, tookMs } = await worstStall(() => roomy.render(markdown));
      expect(result).toMatchObject(expected);
      // The event loop kept turning while the render ran (on the request thread these stalled it for seconds,
      // for the whole render). A starved machine delays timers too, hence the second term.
      expect(stallMs).toBeLessThan(Math.max(1_000, tookMs / 2));
    } finally {
      roomy.close();
    }
  });

  it("stored content that cannot be rendered is shown as plain, escaped text, never an error", async () => {
    // Deeper than MAX_TREE_DEPTH: refused rather than shown cut short (3,000 once overflowed the stack).
    expect(await tryRenderDocument("> ".repeat(100) + "x")).toEqual({ ok: false, reason: "too-deep" });
    const quotes = "> ".repeat(3_000) + "x <script>";
    expect((await tryRenderDocument(quotes)).ok).toBe(false);
    const { html, headings } = await renderDocument(quotes);
    expect(html).toBe(`<p class="md-plain">${"&gt; ".repeat(3_000)}x &lt;script&gt;</p>`);
    expect(headings).toEqual([]);
  });

  it("marks the plain text of a render the machine could not do right now, so no cache keeps it", async () => {
    const g = globalThis as unknown as { __markdownPool?: unknown };
    const real = g.__markdownPool;
    try {
      for (const outcome of [{ ok: false, reason: "busy" }, { ok: false, reason: "failed" }, { ok: false, reason: "too-slow", starved: true }]) {
        g.__markdownPool = { render: async () => outcome, jobs: 0 };
        const { html } = await renderDocument("# Title\n\nSome **text**" + " more".repeat(300));
        expect(html.startsWith(`<p class="md-plain" ${RENDER_RETRY_ATTRIBUTE}>`)).toBe(true);
      }
      // A text over its CPU budget is the text's doing: its plain text is final, and unmarked.
      g.__markdownPool = { render: async () => ({ ok: false, reason: "too-slow" }), jobs: 0 };
      expect((await renderDocument("slow" + " text".repeat(300))).html).not.toContain(RENDER_RETRY_ATTRIBUTE);
    } finally {
      g.__markdownPool = real;
    }
  });

  it("does not spend the budget again on a text it already failed (each view of a stored page)", async () => {
    const deep = "> ".repeat(100) + "x" + " padding".repeat(200);
    expect((await tryRenderDocument(deep)).ok).toBe(false);
    const before = renderJobs();
    for (let i = 0; i < 3; i++) expect(await tryRenderDocument(deep)).toEqual({ ok: false, reason: "too-deep" });
    expect(renderJobs()).toBe(before);
    // Texts that render are rendered each time (caching pages is the page cache's job).
    await tryRenderDocument("**ok** " + "x".repeat(2_000));
    await tryRenderDocument("**ok** " + "x".repeat(2_000));
    expect(renderJobs()).toBe(before + 2);
  });

  it("stops a job over its CPU budget, and renders again normally right after", async () => {
    // No known text takes markdown-it the real budget (500 ms), so this pool has a small one.
    const small = new RenderPool({ size: 1, budgetMs: 50, wallCapMs: RENDER_LIMITS.wallCapMs, maxQueue: 4, maxWaitMs: 5_000, maxHtmlLength: RENDER_LIMITS.maxHtmlLength });
    try {
      // Some 200,000 characters of unclosed image brackets: hundreds of milliseconds.
      expect(await small.render("![".repeat(100_000))).toMatchObject({ ok: false, reason: "too-slow" });
      expect(await small.render("**fine**")).toEqual({ ok: true, html: "<p><strong>fine</strong></p>", headings: [] });
    } finally {
      small.close();
    }
    expect(await tryRenderDocument("**fine**")).toEqual({ ok: true, html: "<p><strong>fine</strong></p>", headings: [] });
  });

  it("keeps other work moving while renders run in parallel", async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => tryRenderDocument(`## Part ${i}\n\n` + "text ".repeat(2_000)));
    const results = await Promise.all(jobs);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? r.headings[0].id : null))).toEqual([0, 1, 2, 3, 4, 5].map((i) => `part-${i}`));
  });
});
