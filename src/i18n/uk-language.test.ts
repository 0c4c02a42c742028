/**
 * Mechanical checks of the Ukrainian text, content and UI alike: the variants the project glossary
 * (docs/uk-glossary.md) rules out, Latin letters hiding inside Cyrillic words, one apostrophe, and ICU
 * plurals wherever a number meets a noun. Each check is also run on a bad sample, so it cannot pass
 * because it looked at nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { loadSeedQuestions } from "@/server/content/load";
import { NAMESPACES } from "./namespaces";

const root = path.join(import.meta.dirname, "../..");

type Messages = { [key: string]: string | Messages };
const readMessages = (locale: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(root, "messages", locale, `${ns}.json`), "utf8")) as Messages;
function leaves(obj: Messages, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

/** Prose only: fenced code and inline code are commands and output, which stay in English. */
const prose = (md: string) => md.replace(/^```[^\n]*\n.*?^```$/gms, "").replace(/`[^`\n]*`/g, "");

const texts: { where: string; text: string }[] = [
  ...loadSeedQuestions(root).flatMap((q) =>
    (["title", "shortAnswer", "body"] as const).map((f) => ({ where: `content ${q.slug} uk ${f}`, text: prose(q.locales.uk[f]) })),
  ),
  ...NAMESPACES.flatMap((ns) => leaves(readMessages("uk", ns)).map(([key, text]) => ({ where: `messages/uk/${ns}.json ${key}`, text }))),
  // The quiz bank's Ukrainian text (prompts, options, explanations); commands in it stay as they are.
  ...fs
    .readdirSync(path.join(root, "content/quiz"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .flatMap((topic) =>
    strings(JSON.parse(fs.readFileSync(path.join(root, "content/quiz", topic, "uk.json"), "utf8"))).map((text, i) => ({ where: `content/quiz/${topic}/uk.json #${i}`, text: prose(text) })),
  ),
  // Every exercise's Ukrainian text (task, steps, hints, fail checks, findings).
  ...fs
    .readdirSync(path.join(root, "src/lib/exercises/defs"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      strings(JSON.parse(fs.readFileSync(path.join(root, "src/lib/exercises/defs", d.name, "uk.json"), "utf8"))).map((text, i) => ({ where: `exercises/${d.name}/uk.json #${i}`, text: prose(text) })),
    ),
];

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** The "not used" column of the glossary table: backticked variants. */
function forbiddenVariants(glossary: string): { variant: string; term: string }[] {
  return glossary
    .split("\n")
    .filter((line) => /^\|[^-]/.test(line))
    .map((line) => line.split("|").slice(1, -1).map((c) => c.trim()))
    .filter((cells) => cells.length === 3)
    .flatMap(([term, , notUsed]) => [...notUsed.matchAll(/`([^`]+)`/g)].map((m) => ({ variant: m[1], term })));
}
const glossary = fs.readFileSync(path.join(root, "docs/uk-glossary.md"), "utf8");
const variants = forbiddenVariants(glossary);

const hits = (pattern: (text: string) => string[], corpus = texts) =>
  corpus.flatMap(({ where, text }) => pattern(text).map((m) => `${where}: ${m}`));

const glossaryHits = (text: string) => variants.filter((v) => text.toLowerCase().includes(v.variant.toLowerCase())).map((v) => `«${v.variant}» (${v.term})`);
const CYR = "\\p{Script=Cyrillic}";
const mixedScript = (text: string) => text.match(new RegExp(`[${CYR}][A-Za-z]+|[A-Za-z][${CYR}]+`, "gu")) ?? [];
const badApostrophe = (text: string) => text.match(new RegExp(`[${CYR}]['ʼ‘\`][${CYR}]`, "gu")) ?? [];

describe("the Ukrainian text that is checked", () => {
  it("is all of it: every question's three fields, the quiz bank and every UI message", () => {
    expect(texts.filter((t) => t.where.startsWith("content "))).toHaveLength(loadSeedQuestions(root).length * 3);
    expect(texts.filter((t) => t.where.startsWith("content/quiz/")).length).toBeGreaterThan(300);
    expect(texts.filter((t) => t.where.startsWith("messages")).length).toBeGreaterThan(200);
    expect(texts.every((t) => /[а-яіїєґ]/i.test(t.text) || t.text.length < 40)).toBe(true);
  });
});

describe("the glossary's ruled-out variants", () => {
  it("are read from the glossary table", () => {
    expect(variants.length).toBeGreaterThanOrEqual(15);
    expect(variants).toContainEqual({ variant: "фаєрвол", term: "firewall" });
  });

  it("are each found in a sentence that uses them", () => {
    for (const v of variants) expect(glossaryHits(`Ось: ${v.variant.toUpperCase()} тут.`), v.variant).not.toEqual([]);
  });

  it("appear nowhere in the Ukrainian content or UI", () => {
    expect(hits(glossaryHits)).toEqual([]);
  });
});

describe("Ukrainian words", () => {
  it("have no Latin letter inside them", () => {
    expect(mixedScript("Overlay-мережа, IP-адреса, у Swarm")).toEqual([]);
    expect(mixedScript("кoнтейнер, мережa")).toEqual(["кo", "жa"]); // a Latin o, a Latin a
    expect(hits(mixedScript)).toEqual([]);
  });

  it("take one apostrophe, ’", () => {
    expect(badApostrophe("зв'язок ім’я сім`я об‘єкт")).toEqual(["в'я", "м`я", "б‘є"]);
    expect(texts.filter((t) => t.text.includes("’")).length).toBeGreaterThan(10);
    expect(hits(badApostrophe)).toEqual([]);
  });
});

/** ICU message structure: which arguments a message has, and how it uses each. */
interface Arg {
  name: string;
  type: number;
  options?: string[];
}
// The parser's element types (intl-messageformat's TYPE): 1 argument, 2 number, 6 plural.
const ARGUMENT = 1;
const PLURAL = 6;
function argsOf(elements: unknown[], out: Arg[] = []): Arg[] {
  for (const el of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
    if (el.type >= 1 && el.type <= 6 && typeof el.value === "string") out.push({ name: el.value, type: el.type, options: el.options && Object.keys(el.options) });
    for (const o of Object.values(el.options ?? {})) argsOf(o.value, out);
    if (el.children) argsOf(el.children, out);
  }
  return out;
}
const astOf = (message: string, locale: string) => new IntlMessageFormat(message, locale).getAst() as unknown[];

/** Arguments that by the project's naming always hold numbers. */
const NUMERIC = /^(count|max|n|number|mb|total|length|bytes)$/;
/** Prepositions and conjunctions that may follow a bare number ("{count} з …"). */
const FUNCTION_WORDS = new Set(["з", "із", "зі", "і", "й", "та", "або", "чи", "до", "на", "у", "в", "·"]);
/** A bare numeric argument followed by a Ukrainian word: the noun's form depends on the number. */
function bareCounts(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}\s+([\p{Script=Cyrillic}’]+)/gu)]
    .filter((m) => NUMERIC.test(m[1]) && !FUNCTION_WORDS.has(m[2].toLowerCase()) && m[2] === m[2].toLowerCase())
    .map((m) => m[0]);
}
const UK_CATEGORIES = new Intl.PluralRules("uk").resolvedOptions().pluralCategories.slice().sort();

describe.each(NAMESPACES)("messages/uk/%s.json", (ns) => {
  const en = new Map(leaves(readMessages("en", ns)));
  const uk = leaves(readMessages("uk", ns));

  it("has the English message's arguments in every message", () => {
    for (const [key, message] of uk) {
      const names = (m: string, l: string) => [...new Set(argsOf(astOf(m, l)).map((a) => a.name))].sort();
      expect(names(message, "uk"), key).toEqual(names(en.get(key)!, "en"));
    }
  });

  it("puts a counted noun in an ICU plural with every Ukrainian category", () => {
    for (const [key, message] of uk) {
      expect(bareCounts(message), key).toEqual([]);
      for (const plural of argsOf(astOf(message, "uk")).filter((a) => a.type === PLURAL)) {
        const categories = plural.options!.filter((o) => !o.startsWith("="));
        expect(categories.sort(), `${key}: {${plural.name}, plural}`).toEqual(UK_CATEGORIES);
      }
    }
  });

  it("formats with the numbers Ukrainian plurals turn on", () => {
    for (const [key, message] of uk) {
      const args = argsOf(astOf(message, "uk"));
      for (const n of [0, 1, 2, 5, 11, 21, 1.5]) {
        const values: Record<string, unknown> = Object.fromEntries(args.map((a) => [a.name, a.type === ARGUMENT && !NUMERIC.test(a.name) ? "X" : n]));
        // Rich-text tags (<link>…</link>) are filled by the component; here they keep their text.
        for (const [, tag] of message.matchAll(/<(\w+)>/g)) values[tag] = (chunks: string[]) => chunks.join("");
        expect(() => new IntlMessageFormat(message, "uk").format(values), key).not.toThrow();
      }
    }
  });
});

describe("the plural check", () => {
  it("catches a bare count before a noun, and a plural missing a category", () => {
    expect(bareCounts("{count} з {max} символів")).toEqual(["{max} символів"]);
    expect(bareCounts("{count} з {max, plural, one {# символу} other {# символів}}")).toEqual([]);
    const plural = argsOf(astOf("{n, plural, one {# рядок} other {# рядка}}", "uk"))[0];
    expect(plural.options!.sort()).not.toEqual(UK_CATEGORIES);
    expect(UK_CATEGORIES).toEqual(["few", "many", "one", "other"]);
  });
});
