import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bodySchema, previewInput, titleSchema } from "@/server/api/schemas/suggestion";
import { MARKDOWN_LIMITS, markdownProblem, markdownProblemMessage } from "./limits";

const L = MARKDOWN_LIMITS;

describe("markdownProblem", () => {
  it("passes every answer and short answer of the seed, in both languages", () => {
    const root = path.join(process.cwd(), "content/questions");
    const dirs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.length).toBeGreaterThan(0);
    for (const d of dirs)
      for (const locale of ["en", "uk"])
        for (const file of ["answer.md", "short.md"]) {
          expect(markdownProblem(readFileSync(path.join(root, d.name, locale, file), "utf8")), `${d.name}/${locale}/${file}`).toBeNull();
        }
  });

  it("passes ordinary nesting, emphasis, rules, snake_case and deep indentation inside fenced code", () => {
    const ok = [
      "- a\n  - b\n    - c\n      - d",
      "> quote\n> > nested\n> > - with a list",
      "***bold italic*** and **_both_** and ~~gone~~",
      "---\n\n***\n\n___\n\n* * * *",
      "my__private__var and __init__",
      "[![badge](https://x/b.svg)](https://x)",
      "```yaml\n" + "                      - deep: yes\n".repeat(10) + "```",
      "`**_**_**_**_` in code is not emphasis",
      "\\*".repeat(1_000),
    ];
    for (const md of ok) expect(markdownProblem(md), md).toBeNull();
  });

  it.each([
    ["quotes", "> ".repeat(3_000) + "x", "nesting", 3_000],
    ["lists on one line", "- ".repeat(5_000) + "x", "nesting", 5_000],
    ["lists by indentation", Array.from({ length: 12 }, (_, i) => "  ".repeat(i) + "- x").join("\n"), "nesting", L.nesting + 1],
    ["quotes just over", "> ".repeat(L.nesting + 1) + "x", "nesting", L.nesting + 1],
    ["nested emphasis", "**_".repeat(20_000), "emphasisNesting", L.emphasisNesting + 1],
    ["emphasis runs", "*a".repeat(30_000), "emphasisRuns", 30_000],
    ["strikethrough runs", "~a".repeat(30_000), "emphasisRuns", 30_000],
    ["brackets", "[a]".repeat(20_000), "brackets", 20_000],
    ["images in images", "![".repeat(10) + "a" + "](b)".repeat(10), "bracketNesting", L.bracketNesting + 1],
    ["links in links", "[".repeat(L.bracketNesting + 1) + "a" + "](b)".repeat(L.bracketNesting + 1), "bracketNesting", L.bracketNesting + 1],
    ["setext underlines", "a\n=\n".repeat(15_000), "underlines", L.underlines + 1],
    ["headings", "# a\n".repeat(15_000), "headings", L.headings + 1],
    ["table rows", "|a|b|\n|-|-|\n" + "|x|y|\n".repeat(10_000), "tableRows", L.tableRows + 1],
  ])("refuses %s", (_name, md, kind, found) => {
    expect(markdownProblem(md)).toMatchObject({ kind, found });
  });

  it("allows exactly the limit", () => {
    expect(markdownProblem("> ".repeat(L.nesting) + "x")).toBeNull();
    expect(markdownProblem("*a ".repeat(L.emphasisRuns))).toBeNull();
    expect(markdownProblem("*a ".repeat(L.emphasisRuns + 1))).toMatchObject({ kind: "emphasisRuns" });
    // Runs are counted per paragraph.
    expect(markdownProblem(("*a ".repeat(L.emphasisRuns) + "\n\n").repeat(5))).toBeNull();
  });

  it("is linear: the longest hostile inputs are checked in milliseconds", () => {
    const start = performance.now();
    for (const md of ["**_".repeat(20_000), "*a".repeat(30_000), "[a".repeat(30_000), "x\n".repeat(30_000)]) markdownProblem(md);
    // Tens of milliseconds when linear; a scan quadratic in these lengths takes seconds. The bound sits far
    // from both, so a busy machine cannot fail it and a quadratic checker cannot pass it.
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe("the suggestion schemas", () => {
  it("refuse nesting beyond the limit with a message that names the field, the line and the limit", () => {
    const r = bodySchema.safeParse("Intro\n\n" + "> ".repeat(3_000) + "x");
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      markdownProblemMessage("Answer", { kind: "nesting", line: 3, found: 3_000 }),
    ]);
    expect(r.error?.issues[0].message).toBe(
      "Answer nests block quotes and lists 3000 levels deep (line 3); at most 8 levels are allowed.",
    );
    expect(previewInput.safeParse({ markdown: "**_".repeat(20_000) }).success).toBe(false);
    expect(previewInput.safeParse({ markdown: "**bold** _it_" }).success).toBe(true);
  });

  it("refuse lone surrogates and direction overrides in titles, and keep other scripts and marks", () => {
    expect(titleSchema.safeParse("Overlay \uD800 network").error?.issues[0].message).toMatch(/Title contains a broken character/);
    expect(titleSchema.safeParse("Overlay \uDC00").success).toBe(false);
    expect(titleSchema.safeParse("invoice\u202Efdp.exe").error?.issues[0].message).toMatch(
      /Title contains an invisible text-direction override/,
    );
    expect(titleSchema.safeParse("isolate \u2067x\u2069").success).toBe(false);
    for (const ok of ["Оверлей-мережа 🐳", "שלום \u200F mark", "flag 🇺🇦 and ZWJ 👩‍👩‍👧"]) {
      expect(titleSchema.safeParse(ok).success, ok).toBe(true);
    }
  });
});
