/**
 * Reads the quiz bank from `content/quiz`: `index.json` lists the topics (question slugs), and each
 * `<slug>/items.json` holds the language-neutral items while `<slug>/<locale>.json` holds their text.
 * Everything is zod-validated and cross-checked (ids line up across locales, option counts match, every
 * cited section is a heading of that question), so a bad file fails loudly at load, not in a reader's quiz.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Heading } from "@/lib/markdown";
import { EXERCISES } from "@/lib/exercises";
import { exerciseText } from "@/lib/exercises/texts";
import { renderSync } from "@/lib/markdown/pipeline.mjs";
import { localeItemSchema, neutralItemSchema, type LocaleItem, type NeutralItem, type QuizItem } from "@/lib/quiz/schema";
import { LOCALES, loadSeedQuestions, type Locale } from "@/server/content/load";

export interface QuizTopic {
  slug: string;
  title: string;
}

export interface QuizBank {
  /** Topics in the article's order (the main question first). */
  topics: Record<Locale, QuizTopic[]>;
  items: Record<Locale, QuizItem[]>;
  /** The neutral data, for seeding and for tests that replay command items. */
  neutral: (NeutralItem & { topic: string })[];
  /** The headings of every question page per locale (ids as the page renders them). */
  headings: Record<string, Record<Locale, Heading[]>>;
}

const slugList = z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)).min(1);

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`Quiz bank: ${file} is missing`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Quiz bank: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`Quiz bank: ${where}: ${parsed.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

function merge(n: NeutralItem, t: LocaleItem, base: Omit<QuizItem, "kind">, where: string): QuizItem {
  const fail = (what: string) => new Error(`Quiz bank: ${where}: ${what}`);
  switch (n.kind) {
    case "single":
    case "multi": {
      if (!("options" in t)) throw fail(`a ${n.kind} item needs "options"`);
      if (t.options.length !== n.options) throw fail(`has ${t.options.length} options, items.json says ${n.options}`);
      const correct = n.kind === "single" ? [n.correct] : n.correct;
      if (correct.some((c) => c >= n.options) || new Set(correct).size !== correct.length) throw fail("names a correct option that does not exist");
      return n.kind === "single"
        ? { ...base, kind: "single", options: t.options, correct: n.correct }
        : { ...base, kind: "multi", options: t.options, correct: [...n.correct].sort((a, b) => a - b) };
    }
    case "order":
      if (!("steps" in t)) throw fail('an order item needs "steps"');
      if (t.steps.length !== n.steps) throw fail(`has ${t.steps.length} steps, items.json says ${n.steps}`);
      return { ...base, kind: "order", steps: t.steps, why: t.why };
    case "truefalse":
    case "command":
      if ("options" in t || "steps" in t) throw fail(`a ${n.kind} item has only "prompt" and "why"`);
      return n.kind === "truefalse"
        ? { ...base, kind: "truefalse", answer: n.answer, why: t.why }
        : { ...base, kind: "command", why: t.why, setup: n.setup, goal: n.goal, solution: n.solution };
  }
}

/**
 * The outline of one of the repository's own answers, rendered in this process: the bank is read once per
 * process, and its sections must not depend on whether the render pool is free at that moment (a pool busy
 * under load answers with plain text and no headings, which would break every item's section link).
 */
function headingsOf(markdown: string, where: string): Heading[] {
  const rendered = renderSync(markdown);
  if ("error" in rendered) throw new Error(`Quiz bank: ${where} cannot be rendered (${rendered.error})`);
  return rendered.headings;
}

export async function loadQuizBank(rootDir: string = process.cwd()): Promise<QuizBank> {
  const dir = path.join(rootDir, "content", "quiz");
  const slugs = parse(slugList, readJson(path.join(dir, "index.json")), "index.json");
  const questions = new Map(loadSeedQuestions(rootDir).map((q) => [q.slug, q]));

  const bank: QuizBank = { topics: { en: [], uk: [] }, items: { en: [], uk: [] }, neutral: [], headings: {} };
  const ids = new Set<string>();
  for (const slug of slugs) {
    const question = questions.get(slug);
    if (!question) throw new Error(`Quiz bank: index.json lists "${slug}", which is not a question`);
    const headings = Object.fromEntries(
      LOCALES.map((l) => [l, headingsOf(question.locales[l].body, `${slug}/${l}`)] as const),
    ) as Record<Locale, Heading[]>;
    bank.headings[slug] = headings;
    for (const l of LOCALES) {
      if (headings[l].length !== headings.en.length) throw new Error(`Quiz bank: ${slug} has ${headings.en.length} headings in en but ${headings[l].length} in ${l}`);
      bank.topics[l].push({ slug, title: question.locales[l].title });
    }

    const where = `${slug}/items.json`;
    const neutral = parse(z.array(neutralItemSchema), readJson(path.join(dir, slug, "items.json")), where);
    const texts = Object.fromEntries(
      LOCALES.map((l) => [l, parse(z.record(z.string(), localeItemSchema), readJson(path.join(dir, slug, `${l}.json`)), `${slug}/${l}.json`)]),
    ) as Record<Locale, Record<string, LocaleItem>>;

    for (const l of LOCALES) {
      const extra = Object.keys(texts[l]).filter((id) => !neutral.some((n) => n.id === id));
      if (extra.length) throw new Error(`Quiz bank: ${slug}/${l}.json has text for unknown items: ${extra.join(", ")}`);
    }
    for (const n of neutral) {
      if (ids.has(n.id)) throw new Error(`Quiz bank: item id "${n.id}" is used twice`);
      ids.add(n.id);
      const index = headings.en.findIndex((h) => h.id === n.section);
      if (index < 0) throw new Error(`Quiz bank: ${where}: "${n.id}" cites "#${n.section}", which is not a heading of ${slug}`);
      bank.neutral.push({ ...n, topic: slug });
      const practised = exercisesFor(slug, headings.en, index);
      for (const l of LOCALES) {
        const t = texts[l][n.id];
        if (!t) throw new Error(`Quiz bank: ${slug}/${l}.json has no text for "${n.id}"`);
        const heading = headings[l][index];
        const exercises = practised.map((e) => ({ slug: e.slug, number: e.number, title: exerciseText(e.slug, l)!.title }));
        const section = { slug, anchor: heading.id, heading: heading.text, questionTitle: question.locales[l].title, exercises };
        bank.items[l].push(merge(n, t, { id: n.id, topic: slug, prompt: t.prompt, section }, `${slug}/${l}.json "${n.id}"`));
      }
    }
  }
  return bank;
}

/**
 * The exercises that practise the heading at `index` of a question: those that cite that heading, or else
 * those of the nearest heading above it that contains it (an exercise on a section practises its sub-sections).
 */
export function exercisesFor(question: string, headings: Heading[], index: number): (typeof EXERCISES)[number][] {
  let depth = Infinity;
  for (let i = index; i >= 0; i--) {
    const h = headings[i];
    if (h.depth >= depth) continue;
    depth = h.depth;
    const found = EXERCISES.filter((e) => e.article.question === question && e.article.section === h.id);
    if (found.length) return found;
  }
  return [];
}

let cached: Promise<QuizBank> | undefined;

/** The bank of this deployment: the files do not change while the server runs, so it is read once. */
export function getQuizBank(): Promise<QuizBank> {
  cached ??= loadQuizBank().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/**
 * The sections a topic's items must cover: every heading with no sub-heading under it, except the main
 * answer's "Follow-up questions" list, whose entries are topics of their own.
 */
export function coverableSections(headings: Heading[]): Heading[] {
  return headings.filter((h, i) => {
    const next = headings[i + 1];
    const leaf = !next || next.depth <= h.depth;
    return leaf && h.id !== "follow-up-questions";
  });
}
