import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderSync } from "@/lib/markdown/pipeline.mjs";
import { addSectionEditLinks, findSection, sourceHeadings } from "./sections";

const root = path.join(import.meta.dirname, "../../..");
const questions = path.join(root, "content/questions");
const answers = fs
  .readdirSync(questions, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((e) => ["en", "uk"].map((locale) => ({ name: `${e.name}/${locale}`, file: path.join(questions, e.name, locale, "answer.md") })))
  .filter((a) => fs.existsSync(a.file));

function rendered(markdown: string) {
  const out = renderSync(markdown);
  if ("error" in out) throw new Error(out.error);
  return out;
}

const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

describe("sourceHeadings", () => {
  it("finds ATX and setext headings of depth 2–4, never inside fenced code", () => {
    const md = "# Title\n\n## Theory\n\ntext\n\n```bash\n# a comment\n## not a heading\n```\n\n### With `--attachable` ###\n\nSetext two\n---\n\n~~~\n### no\n~~~\n#### Four\n##### Five\n";
    expect(sourceHeadings(md).map((h) => [h.depth, h.text, md.slice(h.start, h.start + 4)])).toEqual([
      [2, "Theory", "## T"],
      [3, "With --attachable", "### "],
      [2, "Setext two", "Sete"],
      [4, "Four", "####"],
    ]);
  });

  it("does not take a thematic break after a blank line for a heading", () => {
    expect(sourceHeadings("para\n\n---\n\n## Next\n").map((h) => h.text)).toEqual(["Next"]);
  });

  // The form finds a section by its place among the headings the page rendered: the two must agree.
  it.each(answers)("lines up with the headings the pipeline renders for $name", ({ file }) => {
    const md = fs.readFileSync(file, "utf8");
    const fromPage = rendered(md).headings;
    const fromSource = sourceHeadings(md);
    expect(fromSource.map((h) => [h.depth, norm(h.text)])).toEqual(fromPage.map((h) => [h.depth, norm(h.text)]));
    fromPage.forEach((h, ordinal) => {
      const found = findSection(md, { text: h.text, ordinal });
      expect(found?.start).toBe(fromSource[ordinal].start);
      expect(md.slice(found!.start)).toMatch(/^#{2,4} /);
    });
  });
});

describe("findSection", () => {
  const md = "## One\n\na\n\n## Two\n\nb\n\n## Three\n";

  it("takes the heading at the same place when its text agrees", () => {
    expect(findSection(md, { text: "Two", ordinal: 1 })?.start).toBe(md.indexOf("## Two"));
  });

  it("follows the heading's text when the draft moved it", () => {
    const moved = "## New first\n\n" + md;
    expect(findSection(moved, { text: "Two", ordinal: 1 })?.start).toBe(moved.indexOf("## Two"));
  });

  it("falls back to the place when the text was changed, and to null when there is no such heading", () => {
    expect(findSection(md.replace("Two", "Deux"), { text: "Two", ordinal: 1 })?.text).toBe("Deux");
    expect(findSection("no headings", { text: "Two", ordinal: 1 })).toBeNull();
  });
});

describe("addSectionEditLinks", () => {
  const options = {
    href: (id: string) => `/en/q/x/suggest?section=${encodeURIComponent(id)}`,
    label: "Edit",
    accessibleName: (title: string) => `Suggest an edit to the section “${title}”`,
  };

  it("puts a link beside every h2–h4 and keeps the heading as it was", () => {
    const html = rendered("## Theory\n\n### Without `--attachable`\n\n#### Deep\n\n##### Too deep\n").html;
    const out = addSectionEditLinks(html, options);
    expect(out.match(/class="section-edit"/g)).toHaveLength(3);
    expect(out).toContain('<div class="section-head section-head-h2"><h2 id="theory">Theory</h2><a class="section-edit" href="/en/q/x/suggest?section=theory"');
    expect(out).toContain('aria-label="Suggest an edit to the section “Without --attachable”"');
    expect(out).toContain('<h5>Too deep</h5>');
  });

  it("escapes what the heading holds in the attributes it writes", () => {
    const html = rendered('## A "quote" & <b>tag</b>\n').html;
    const out = addSectionEditLinks(html, { ...options, label: "<Edit>" });
    expect(out).toContain('aria-label="Suggest an edit to the section “A &#x22;quote&#x22; &#x26; tag”"');
    expect(out).toContain(">&#x3C;Edit&#x3E;</a>");
    expect(out).not.toMatch(/<b>/);
  });
});
