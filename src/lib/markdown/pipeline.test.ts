/**
 * The pipeline's rules, one by one, on `renderSync` (what the worker threads run): each test here
 * fails if its rule is taken out. render.test.ts covers the same pipeline through the worker pool.
 */
import { describe, expect, it } from "vitest";
import { MAX_TREE_DEPTH, renderSync, safeUrl } from "./pipeline.mjs";

function render(markdown: string) {
  const out = renderSync(markdown);
  if ("error" in out) throw new Error(out.error);
  return out;
}
const html = (markdown: string) => render(markdown).html;

/** Every href and src the HTML carries. */
const addresses = (h: string) => [...h.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);

describe("raw HTML", () => {
  it("is dropped, block and inline: its text stays, its tags and attributes do not", () => {
    const out = html('<div onclick="x()">block</div>\n\ninline <b>bold</b> <span style="color:red">s</span> end\n\n<!-- note -->\n\n<script>alert(1)</script>\n\nafter');
    expect(out).toBe("<p>inline bold s end</p>\n<p>after</p>");
  });

  it("inside a heading, a link and an image's description is dropped too", () => {
    const out = render('## A <img src=x onerror="alert(1)"> b\n\n[<i>x</i>](/p) ![<b>d</b>](/api/images/a)');
    expect(out.html).toBe('<h2 id="a-b">A  b</h2>\n<p><a href="/p">x</a> <img src="/api/images/a" alt="d"></p>');
    expect(out.headings).toEqual([{ depth: 2, id: "a-b", text: "A  b" }]);
  });

  it("that is only text in code stays visible, escaped", () => {
    expect(html("`<b>x</b>`\n\n    <script>")).toBe("<p><code>&lt;b&gt;x&lt;/b&gt;</code></p>\n<pre><code>&lt;script&gt;\n</code></pre>");
  });
});

describe("links", () => {
  it.each([
    ["/en/q/overlay-vs-bridge", true],
    ["./x", true],
    ["../x", true],
    ["x/y:z", true],
    ["#section", true],
    ["?page=2", true],
    ["https://docs.docker.com/", true],
    ["HTTP://EXAMPLE.COM", true],
    ["mailto:a@b.c", true],
    ["javascript:alert(1)", false],
    ["JaVaScRiPt:alert(1)", false],
    ["vbscript:msgbox(1)", false],
    ["data:text/html,x", false],
    ["file:///etc/passwd", false],
    ["ftp://example.com", false],
    ["//evil.example", false],
    ["/\\evil.example", false],
    ["\\\\evil.example", false],
    ["/%5Cevil.example", false],
    ["%2F%2Fevil.example", false],
    ["%6Aavascript:alert(1)", false],
    ["java%09script:alert(1)", false],
    ["java%0Ascript:alert(1)", false],
    ["java\tscript:alert(1)", false],
    // Browsers drop tabs and newlines inside an address: this is "//evil.example".
    ["/\t/evil.example", false],
    ["/%09/evil.example", false],
    ["java script:alert(1)", false],
    ["\u0000javascript:alert(1)", false],
    ["%00javascript:alert(1)", false],
    [" javascript:alert(1)", false],
    ["\u00a0javascript:alert(1)", false],
    ["јavascript:alert(1)", false],
  ])("safeUrl(%j) is %s", (url, safe) => {
    expect(safeUrl(url)).toBe(safe);
  });

  it("only http, https, mailto and this site's paths are image sources", () => {
    expect(safeUrl("https://x.example/a.png", ["http", "https"])).toBe(true);
    expect(safeUrl("mailto:a@b.c", ["http", "https"])).toBe(false);
  });

  it.each([
    ["javascript:", "[x](javascript:alert(1))"],
    ["mixed case", "[x](JaVaScRiPt:alert(1))"],
    ["a character reference", "[x](&#106;avascript:alert(1))"],
    ["a named reference for the colon", "[x](javascript&colon;alert(1))"],
    ["a tab by reference", "[x](java&#9;script:alert(1))"],
    ["a tab in pointy brackets", "[x](<java\tscript:alert(1)>)"],
    ["a NUL", "[x](<java\u0000script:alert(1)>)"],
    ["a percent-escape", "[x](%6Aavascript:alert(1))"],
    ["data:", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript:", "[x](vbscript:msgbox(1))"],
    ["file:", "[x](file:///etc/passwd)"],
    ["protocol-relative", "[x](//evil.example)"],
    ["a backslash for a slash", "[x](/\\evil.example)"],
    ["two backslashes", String.raw`[x](\\\\evil.example)`],
    ["an encoded slash", "[x](&#x2F;/evil.example)"],
    ["a tab between the slashes", "[x](/&#9;/evil.example)"],
    ["a reference definition", "[x][r]\n\n[r]: javascript:alert(1)"],
    ["an autolink", "<javascript:alert(1)>"],
    ["an autolink to a file", "<file:///etc/passwd>"],
  ])("%s: the text stays, not as a link", (_name, markdown) => {
    const out = html(markdown);
    expect(addresses(out)).toEqual([]);
    expect(out).toMatch(/^<p><a>[^<]+<\/a><\/p>$/);
  });

  it("keeps safe links; external ones get rel, a title stays", () => {
    expect(html('[in](/en/q/a) [frag](#theory) [out](https://docs.docker.com/ "Docs") [mail](mailto:a@b.c)')).toBe(
      '<p><a href="/en/q/a">in</a> <a href="#theory">frag</a> <a href="https://docs.docker.com/" title="Docs" rel="noopener noreferrer nofollow">out</a> <a href="mailto:a@b.c">mail</a></p>',
    );
  });

  it("links bare URLs as GFM does (http, https, www., e-mail), under the same rules", () => {
    expect(html("See https://docs.docker.com/network/, www.example.com and a@b.co.")).toBe(
      '<p>See <a href="https://docs.docker.com/network/" rel="noopener noreferrer nofollow">https://docs.docker.com/network/</a>, ' +
        '<a href="http://www.example.com" rel="noopener noreferrer nofollow">www.example.com</a> and <a href="mailto:a@b.co">a@b.co</a>.</p>',
    );
    // Not linked: a bare domain, a protocol-relative address, other schemes.
    expect(html("docker.io //evil.example ftp://x.example javascript:alert(1) file:///etc/passwd")).toBe(
      "<p>docker.io //evil.example ftp://x.example javascript:alert(1) file:///etc/passwd</p>",
    );
  });
});

describe("images", () => {
  const own = "/api/images/" + "a".repeat(64);

  it("this site's stay images; another site's become a link to it, with the description", () => {
    expect(html(`![diagram](${own} "VXLAN")`)).toBe(`<p><img src="${own}" alt="diagram" title="VXLAN"></p>`);
    expect(html("![pixel *one*](https://tracker.example/p.gif?who=me)")).toBe(
      '<p><a href="https://tracker.example/p.gif?who=me" rel="noopener noreferrer nofollow">pixel one</a></p>',
    );
    expect(html("![](http://tracker.example/p.gif)")).toBe(
      '<p><a href="http://tracker.example/p.gif" rel="noopener noreferrer nofollow">http://tracker.example/p.gif</a></p>',
    );
  });

  it("inside a link, another site's image becomes its text (a link in a link is not HTML)", () => {
    expect(html("[![badge](https://tracker.example/b.svg)](https://x.example)")).toBe(
      '<p><a href="https://x.example" rel="noopener noreferrer nofollow"><span>badge</span></a></p>',
    );
    expect(html(`[![own](${own})](/en)`)).toBe(`<p><a href="/en"><img src="${own}" alt="own"></a></p>`);
  });

  it.each([
    ["javascript:", "![x](javascript:alert(1))"],
    ["data:", "![x](data:image/png;base64,iVBORw0KGgo=)"],
    ["protocol-relative", "![x](//tracker.example/p.gif)"],
    ["a backslash for a slash", "![x](/\\tracker.example/p.gif)"],
    ["mailto:", "![x](mailto:a@b.c)"],
  ])("%s: neither an image nor a link, only the description", (_name, markdown) => {
    expect(html(markdown)).toBe("<p><span>x</span></p>");
  });

  it("a relative path that is not a site path is another address: a link", () => {
    expect(html("![x](images/p.png)")).toBe('<p><a href="images/p.png" rel="noopener noreferrer nofollow">x</a></p>');
  });
});

describe("headings", () => {
  it("h2–h4 get unique ids from their text, in the outline; h1, h5 and h6 get none", () => {
    const out = render("# Title\n\n## Theory\n\n## Theory\n\n### Theory\n\n#### With `--attachable` *and* [a link](/x)\n\n##### Five\n\nSetext\n------\n");
    expect(out.headings).toEqual([
      { depth: 2, id: "theory", text: "Theory" },
      { depth: 2, id: "theory-1", text: "Theory" },
      { depth: 3, id: "theory-2", text: "Theory" },
      { depth: 4, id: "with-attachable-and-a-link", text: "With --attachable and a link" },
      { depth: 2, id: "setext", text: "Setext" },
    ]);
    for (const h of out.headings) expect(out.html).toContain(`<h${h.depth} id="${h.id}">`);
    expect(out.html).toContain("<h1>Title</h1>");
    expect(out.html).toContain("<h5>Five</h5>");
  });

  it("ids are letters of any script, digits and dashes", () => {
    expect(render("## Типові помилки: TL;DR & <co>\n\n## !!!").headings.map((h) => h.id)).toEqual(["типові-помилки-tldr", "section"]);
  });
});

describe("footnotes", () => {
  it("carry ids with GitHub's user-content- prefix, so they cannot take the page's own ids", () => {
    const out = render("## fn1\n\nA note[^1] and another[^x], the first again[^1].\n\n[^1]: The first.\n[^x]: The *second*.\n");
    const ids = [...out.html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["fn1", "user-content-fnref-1", "user-content-fnref-2", "user-content-fnref-1-2", "user-content-fn-1", "user-content-fn-2"]);
    // Each reference and its way back point at ids the HTML has.
    const fragments = [...out.html.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]);
    expect(fragments.length).toBe(6);
    for (const f of fragments) expect(ids).toContain(f);
  });

  it("are only what GFM has: no inline ^[footnotes], and an undefined label is text", () => {
    expect(html("a^[inline] b[^none]")).toBe("<p>a^[inline] b[^none]</p>");
  });
});

describe("code", () => {
  it("is highlighted in the language named, with the classes the CSS and Run in lab rely on", () => {
    expect(html("```bash\n# a comment\ndocker ps\n```")).toBe(
      '<pre><code class="hljs language-bash"><span class="hljs-comment"># a comment</span>\ndocker ps\n</code></pre>',
    );
  });

  it("is never highlighted by guessing: no language, no classes; an unknown language, only its name", () => {
    expect(html("```\nconst a = 1;\n```")).toBe("<pre><code>const a = 1;\n</code></pre>");
    expect(html("```nosuchlang\nconst a = 1 < 2;\n```")).toBe('<pre><code class="hljs language-nosuchlang">const a = 1 &lt; 2;\n</code></pre>');
  });

  it("takes the first word of the info string as the language, escaped", () => {
    expect(html('```js title="x"\n1\n```')).toMatch(/^<pre><code class="hljs language-js">/);
    expect(html('```"><script>alert(1)</script>\nx\n```')).toBe('<pre><code class="hljs language-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x\n</code></pre>');
  });
});

describe("GFM", () => {
  it("tables, with alignment as attributes", () => {
    expect(html("| a | b |\n|:--|--:|\n| 1 | 2 |")).toBe(
      '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it("strikethrough", () => {
    expect(html("~~gone~~")).toBe("<p><del>gone</del></p>");
  });

  it("task lists, as disabled checkboxes", () => {
    expect(html("- [ ] todo\n- [x] done\n- [ ]\n- plain [ ] text")).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" disabled> todo</li>\n' +
        '<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n<li class="task-list-item"><input type="checkbox" disabled></li>\n<li>plain [ ] text</li>\n</ul>',
    );
  });
});

describe("depth", () => {
  it(`refuses a tree deeper than ${MAX_TREE_DEPTH} levels instead of cutting it short`, () => {
    // Block quotes: each is a level, then the paragraph and its text.
    expect("error" in renderSync("> ".repeat(MAX_TREE_DEPTH - 2) + "x")).toBe(false);
    expect(renderSync("> ".repeat(MAX_TREE_DEPTH - 1) + "x")).toEqual({ error: "too-deep" });
    // markdown-it stops nesting at 100 and would show the rest flattened; 3,000 once overflowed the stack.
    expect(renderSync("> ".repeat(3_000) + "x")).toEqual({ error: "too-deep" });
    // Lists: the list and its item are a level each.
    const lists = Array.from({ length: 40 }, (_, i) => " ".repeat(2 * i) + "- x").join("\n");
    expect(renderSync(lists)).toEqual({ error: "too-deep" });
  });

  it("counts inline nesting too (emphasis, links, image descriptions)", () => {
    const strong = (n: number) => "**x ".repeat(n) + "y" + " x**".repeat(n);
    expect("error" in renderSync(strong(MAX_TREE_DEPTH - 3))).toBe(false);
    expect(renderSync(strong(MAX_TREE_DEPTH - 1))).toEqual({ error: "too-deep" });
    const images = "![".repeat(80) + "x" + "](/a)".repeat(80);
    expect(renderSync(images)).toEqual({ error: "too-deep" });
  });
});
