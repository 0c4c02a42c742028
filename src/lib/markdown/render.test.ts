import { describe, expect, it } from "vitest";
import { headingSlug, MAX_MARKDOWN_LENGTH, renderDocument, renderMarkdown } from ".";

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
    expect(html).toBe(`<pre><code>${diagram.replaceAll(">", "&#x3E;")}\n</code></pre>`);
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

  it("escapes text that looks like HTML inside code", async () => {
    expect(await renderMarkdown("`<b>x</b>`")).toBe("<p><code>&#x3C;b>x&#x3C;/b></code></p>");
  });

  it("refuses input over the cap", async () => {
    await expect(renderMarkdown("x".repeat(MAX_MARKDOWN_LENGTH + 1))).rejects.toThrow(RangeError);
  });
});
