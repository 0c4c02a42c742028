/**
 * What an exercise page hands to the browser: the words in the page's locale, the steps in order, the
 * solution, and where the article section it practises is. Plain data (no predicates: those run in the worker).
 */
import { EXERCISES, exerciseBySlug } from ".";
import { exerciseText, type ExerciseLocale } from "./texts";
import type { ExerciseText } from "./types";

export interface ExerciseView {
  slug: string;
  number: number;
  nodes: number;
  title: string;
  summary: string;
  intro: string;
  steps: ({ id: string } & ExerciseText["steps"][string])[];
  fails: Record<string, string>;
  found: Record<string, string>;
  /** The reference solution: commands, and for a question step the right option's text. */
  solution: ({ pane: string; line: string } | { answer: string })[];
  /** The article section it practises: a path with its anchor, and the heading's text. */
  section: { href: string; title: string };
  next: { slug: string; title: string } | null;
}

/** The section's anchor in each locale, by the English heading's id (headings match one to one across locales). */
export type HeadingIds = Record<string, Record<ExerciseLocale, { id: string; text: string }[]>>;

export function sectionOf(slug: string, locale: ExerciseLocale, headings: HeadingIds): { href: string; title: string } {
  const def = exerciseBySlug(slug)!;
  const hs = headings[def.article.question];
  const i = hs?.en.findIndex((h) => h.id === def.article.section) ?? -1;
  const h = i >= 0 ? hs[locale][i] : undefined;
  return { href: `/${locale}/q/${def.article.question}${h ? `#${h.id}` : ""}`, title: h?.text ?? exerciseText(slug, locale)!.section };
}

export function exerciseView(slug: string, locale: ExerciseLocale, headings: HeadingIds): ExerciseView | null {
  const def = exerciseBySlug(slug);
  const text = exerciseText(slug, locale);
  if (!def || !text) return null;
  const nextDef = EXERCISES.find((e) => e.number === def.number + 1);
  return {
    slug,
    number: def.number,
    nodes: def.nodes,
    title: text.title,
    summary: text.summary,
    intro: text.intro,
    steps: def.steps.map((s) => ({ id: s.id, ...text.steps[s.id] })),
    fails: text.fails,
    found: text.found,
    solution: def.solution.map((c) => (c.answer ? { answer: text.steps[c.answer.step].question!.options[c.answer.choice] } : { pane: c.pane, line: c.line })),
    section: sectionOf(slug, locale, headings),
    next: nextDef ? { slug: nextDef.slug, title: exerciseText(nextDef.slug, locale)!.title } : null,
  };
}

/** The exercises that practise a question's sections, by the section's id in that locale. */
export function exercisesForQuestion(question: string, locale: ExerciseLocale, headings: HeadingIds): { slug: string; number: number; title: string; anchor: string | null }[] {
  return EXERCISES.filter((e) => e.article.question === question).map((e) => {
    const section = sectionOf(e.slug, locale, headings);
    return { slug: e.slug, number: e.number, title: exerciseText(e.slug, locale)!.title, anchor: section.href.split("#")[1] ?? null };
  });
}
