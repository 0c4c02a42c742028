/**
 * When a moderator publishes a change to an answer, the quiz items citing a changed section are
 * marked for review (shown to moderators), because their explanations may no longer match the text.
 *
 * Sections are compared by their place among the answer's headings, which is also how an item's EN
 * anchor maps to the other locale's heading, so one rule serves every locale. If the headings
 * themselves were added or removed, every item of that question is marked: places no longer line up.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { questions, quizItems, type Locale } from "../db/schema";

export interface Section {
  heading: string;
  content: string;
}

/** A Markdown answer's sections: each h2–h4 heading with its text up to the next heading (fenced code is text, never a heading). */
export function sections(markdown: string): Section[] {
  const out: Section[] = [];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n/g, "\n").split("\n")) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
    }
    const h = fence === null && !f ? /^\s{0,3}#{2,4}\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (h) out.push({ heading: h[1], content: "" });
    else if (out.length > 0) out[out.length - 1].content += `${line}\n`;
  }
  return out.map((s) => ({ heading: s.heading, content: s.content.trim() }));
}

/** Places (0-based, among the headings) of the sections that differ, or "all" when the headings changed in number. */
export function changedSections(before: string, after: string): number[] | "all" {
  const a = sections(before);
  const b = sections(after);
  if (a.length !== b.length) return "all";
  return b.flatMap((s, i) => (s.heading !== a[i].heading || s.content !== a[i].content ? [i] : []));
}

export interface PublishedChange {
  questionId: number;
  locale: Locale;
  before: string | null;
  after: string;
  revisionNumber: number;
}

/** Called where a revision is published, in its transaction. Returns the ids it marked. */
export async function markQuizForReview(tx: Db, change: PublishedChange): Promise<string[]> {
  if (change.before === null || change.before === change.after) return [];
  const changed = changedSections(change.before, change.after);
  if (changed !== "all" && changed.length === 0) return [];
  const [question] = await tx.select({ slug: questions.slug }).from(questions).where(eq(questions.id, change.questionId));
  if (!question) return [];
  const where = and(
    eq(quizItems.topic, question.slug),
    eq(quizItems.retired, false),
    ...(changed === "all" ? [] : [inArray(quizItems.sectionIndex, changed)]),
  );
  const marked = await tx
    .update(quizItems)
    .set({ reviewNeeded: true, reviewLocale: change.locale, reviewRevision: change.revisionNumber, reviewSince: new Date() })
    .where(where)
    .returning({ id: quizItems.id });
  return marked.map((m) => m.id);
}

/** What moderators see: items waiting for review, by question and section. */
export function reviewQueue(db: Db) {
  return db
    .select({
      id: quizItems.id,
      topic: quizItems.topic,
      section: quizItems.section,
      kind: quizItems.kind,
      version: quizItems.version,
      locale: quizItems.reviewLocale,
      revision: quizItems.reviewRevision,
      since: quizItems.reviewSince,
    })
    .from(quizItems)
    .where(and(eq(quizItems.reviewNeeded, true), eq(quizItems.retired, false)))
    .orderBy(asc(quizItems.topic), asc(quizItems.sectionIndex), asc(quizItems.id));
}

/** A moderator checked the item against the new text: it leaves the queue. */
export async function markReviewed(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(quizItems)
    .set({ reviewNeeded: false, reviewLocale: null, reviewRevision: null, reviewSince: null })
    .where(and(eq(quizItems.id, id), eq(quizItems.reviewNeeded, true)))
    .returning({ id: quizItems.id });
  return rows.length > 0;
}
