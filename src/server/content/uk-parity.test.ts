/**
 * The Ukrainian content mirrors the English line for line: the same headings, list items, tables, code fences
 * and links on the same lines, code byte-identical except comments, inline code unchanged. The VXLAN diagram is
 * a drawing, so its labels are translated, but its boxes and arrows must stay aligned.
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { loadSeedQuestions, type LocaleText } from "./load";

const root = path.join(import.meta.dirname, "../../..");
const questions = loadSeedQuestions(root);
const FIELDS = ["title", "shortAnswer", "body"] as const satisfies readonly (keyof LocaleText)[];

/** The drawing is the one code block without a language whose first English line starts like this. */
const isDiagram = (firstLine: string) => firstLine.startsWith("container A (10.0.0.5)");

interface Line {
  kind: string;
  text: string;
  /** Inside a code block: which block (its index) and whether that block is the diagram. */
  block?: number;
}

/** Structure of each line: what Markdown makes of it, ignoring the words. */
function structure(md: string): Line[] {
  const out: Line[] = [];
  let inCode = false;
  let block = -1;
  for (const text of md.split("\n")) {
    const fence = text.match(/^```(\S*)\s*$/);
    if (fence) {
      if (!inCode) block++;
      inCode = !inCode;
      out.push({ kind: `fence${fence[1] ? `:${fence[1]}` : ""}`, text });
      continue;
    }
    if (inCode) {
      out.push({ kind: "code", text, block });
      continue;
    }
    const heading = text.match(/^(#{1,6}) /);
    const bullet = text.match(/^(\s*)([-*]) /);
    const numbered = text.match(/^(\s*)(\d+)\. /);
    if (!text.trim()) out.push({ kind: "blank", text });
    else if (heading) out.push({ kind: `h${heading[1].length}`, text });
    else if (bullet) out.push({ kind: `ul${bullet[1].length}`, text });
    else if (numbered) out.push({ kind: `ol${numbered[1].length}.${numbered[2]}`, text });
    else if (text.startsWith("|")) out.push({ kind: `table${text.split("|").length}`, text });
    else if (text.startsWith(">")) out.push({ kind: "quote", text });
    else out.push({ kind: "p", text });
  }
  return out;
}

/** A code line without its comment: a whole-line `# …`, or a trailing `   # …` after a command. */
const withoutComment = (line: string) =>
  line.trimStart().startsWith("#") ? line.slice(0, line.indexOf("#") + 1) : line.replace(/\s+#\s.*$/, "");

const inlineCode = (line: string) => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
const linkTargets = (line: string, locale: string) =>
  [...line.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1].replace(`/${locale}/`, "/{locale}/"));

function compareStructure(en: string, uk: string): string[] {
  const a = structure(en);
  const b = structure(uk);
  const problems: string[] = [];
  if (a.length !== b.length) problems.push(`${a.length} lines in EN, ${b.length} in UA`);
  const diagrams = new Set(a.filter((l, i) => l.kind === "code" && a[i - 1]?.kind === "fence" && isDiagram(l.text)).map((l) => l.block));
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const at = `line ${i + 1}`;
    if (a[i].kind !== b[i].kind) {
      problems.push(`${at}: ${a[i].kind} in EN, ${b[i].kind} in UA`);
      continue;
    }
    if (a[i].kind.startsWith("fence") && a[i].text !== b[i].text) problems.push(`${at}: fence differs`);
    if (a[i].kind === "code" && !diagrams.has(a[i].block) && withoutComment(a[i].text) !== withoutComment(b[i].text)) {
      problems.push(`${at}: code differs: ${JSON.stringify(b[i].text)}`);
    }
    if (a[i].kind !== "code") {
      if (JSON.stringify(inlineCode(a[i].text)) !== JSON.stringify(inlineCode(b[i].text))) problems.push(`${at}: inline code differs`);
      if (JSON.stringify(linkTargets(a[i].text, "en")) !== JSON.stringify(linkTargets(b[i].text, "uk"))) problems.push(`${at}: links differ`);
    }
  }
  return problems;
}

describe.each(questions.map((q) => [q.slug, q] as const))("UA %s, line for line with EN", (_slug, q) => {
  it.each(FIELDS)("%s", (field) => {
    expect(compareStructure(q.locales.en[field], q.locales.uk[field])).toEqual([]);
  });
});

describe("the structure comparison", () => {
  const en = "## Quick\n\n- one `x`\n\n```bash\n# Run it\ndocker ps   # list\n```\n[a](/en/q/a)";
  const uk = "## Швидко\n\n- один `x`\n\n```bash\n# Запустіть\ndocker ps   # список\n```\n[а](/uk/q/a)";

  it("accepts a faithful translation: words and comments differ, structure and code do not", () => {
    expect(compareStructure(en, uk)).toEqual([]);
  });

  it("catches a moved heading, a changed command, a translated flag, a lost link and a lost line", () => {
    expect(compareStructure(en, uk.replace("## Швидко", "Швидко"))).toEqual(["line 1: h2 in EN, p in UA"]);
    expect(compareStructure(en, uk.replace("docker ps", "docker ps -a"))).toEqual(['line 7: code differs: "docker ps -a   # список"']);
    expect(compareStructure(en, uk.replace("`x`", "`ікс`"))).toEqual(["line 3: inline code differs"]);
    expect(compareStructure(en, uk.replace("(/uk/q/a)", "(/uk/q/b)"))).toEqual(["line 9: links differ"]);
    expect(compareStructure(en, uk.replace("\n\n- один", "\n- один"))[0]).toBe("9 lines in EN, 8 in UA");
  });
});

describe("the VXLAN diagram", () => {
  const main = questions.find((q) => q.parent === null)!;
  const drawing = (md: string) => {
    const lines = md.split("\n");
    const start = lines.findIndex((l, i) => lines[i - 1] === "```" && /^(container|контейнер) A/.test(l));
    expect(start, "diagram found").toBeGreaterThan(0);
    return lines.slice(start, lines.indexOf("```", start));
  };
  const en = drawing(main.locales.en.body);
  const uk = drawing(main.locales.uk.body);
  /** Columns of a character in a line, by code point (Cyrillic letters are one column wide too). */
  const columns = (line: string, chars: string) => [...line].flatMap((c, i) => (chars.includes(c) ? [i] : []));
  const numbers = (line: string) => line.match(/\d+(?:\.\d+)*(?:\/\.?\d+)?/g) ?? [];

  it("is translated", () => {
    expect(uk.join("\n")).toMatch(/контейнер/);
    expect(uk.join("\n")).not.toMatch(/\bon the wire\b|\bwraps\b/);
  });

  it.each([
    ["EN", en],
    ["UA", uk],
  ])("keeps arrows and boxes aligned (%s)", (_l, lines) => {
    expect(lines).toHaveLength(12);
    const boxes = [4, 5, 6, 7].map((i) => columns(lines[i], "|+"));
    for (const b of boxes) expect(b).toEqual(boxes[0]);
    expect(boxes[0]).toHaveLength(4);
    const [l0, l1, r0, r1] = boxes[0];
    const arrows = [1, 2, 3, 8, 9, 10].map((i) => [columns(lines[i], "|v^")[0], columns(lines[i], "|v^").at(-1)]);
    for (const [left, right] of arrows) {
      expect(left).toBe(arrows[0][0]);
      expect(right).toBe(arrows[0][1]);
    }
    // The arrows leave and enter the boxes, and the long arrows end where the right-hand side begins.
    expect(arrows[0][0]).toBeGreaterThan(l0);
    expect(arrows[0][0]).toBeLessThan(l1);
    expect(arrows[0][1]).toBeGreaterThan(r0);
    expect(arrows[0][1]).toBeLessThan(r1);
    expect(columns(lines[7], "►")).toEqual([r0 - 2]);
    for (const i of [0, 11]) {
      // The right-hand label starts where the right box does (give or take its border and a space).
      const right = lines[i].indexOf(lines[i].split(/\s{2,}|► /).at(-1)!);
      expect(Math.abs(right - r0), lines[i]).toBeLessThanOrEqual(2);
    }
  });

  it("keeps every address, port and number of the English, line by line", () => {
    expect(uk.map(numbers)).toEqual(en.map(numbers));
  });
});
