import { and, asc, eq } from "drizzle-orm";
import type { PublishedPage } from "../../lib/seo/sitemap";
import { slugSchema } from "../api/schemas/common";
import type { Db } from "../db/client";
import { localeEnum, questionRevisions, questions, type Locale } from "../db/schema";

export interface QuestionSummary {
  slug: string;
  title: string;
  shortAnswer: string;
  parentSlug: string | null;
  position: number;
}

export interface QuestionPage {
  id: number;
  slug: string;
  locale: Locale;
  title: string;
  shortAnswer: string;
  body: string;
  imageId: number | null;
  revision: { id: number; number: number; authorName: string; createdAt: Date };
  /** When the question was added. */
  createdAt: Date;
  /** The locales it is published in. */
  locales: Locale[];
  parent: { slug: string; title: string } | null;
  followUps: { slug: string; title: string }[];
}

const localeOrder = localeEnum.enumValues;

const published = (locale: Locale) =>
  and(eq(questionRevisions.locale, locale), eq(questionRevisions.isPublished, true));

/** Every question with its published title and short answer in `locale`, main question first. */
export async function listQuestions(db: Db, locale: Locale): Promise<QuestionSummary[]> {
  const rows = await db
    .select({
      id: questions.id,
      slug: questions.slug,
      parentId: questions.parentId,
      position: questions.position,
      title: questionRevisions.title,
      shortAnswer: questionRevisions.shortAnswer,
    })
    .from(questions)
    .innerJoin(questionRevisions, and(eq(questionRevisions.questionId, questions.id), published(locale)))
    .orderBy(asc(questions.position), asc(questions.id));
  const slugById = new Map(rows.map((r) => [r.id, r.slug]));
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    shortAnswer: r.shortAnswer,
    parentSlug: r.parentId === null ? null : (slugById.get(r.parentId) ?? null),
    position: r.position,
  }));
}

/** The published page of one question in `locale`, or null when there is none. */
export async function getQuestion(db: Db, slug: string, locale: Locale): Promise<QuestionPage | null> {
  // The slug comes from the address: one that cannot be a slug names no question, and a NUL in it
  // would only make PostgreSQL refuse the query.
  if (!slugSchema.safeParse(slug).success) return null;
  const [row] = await db
    .select({ q: questions, r: questionRevisions })
    .from(questions)
    .innerJoin(questionRevisions, and(eq(questionRevisions.questionId, questions.id), published(locale)))
    .where(eq(questions.slug, slug))
    .limit(1);
  if (!row) return null;

  const titled = () =>
    db
    .select({ slug: questions.slug, title: questionRevisions.title })
    .from(questions)
    .innerJoin(questionRevisions, and(eq(questionRevisions.questionId, questions.id), published(locale)));
  const followUps = await titled()
    .where(eq(questions.parentId, row.q.id))
    .orderBy(asc(questions.position), asc(questions.id));
  const locales = (
    await db
      .select({ locale: questionRevisions.locale })
      .from(questionRevisions)
      .where(and(eq(questionRevisions.questionId, row.q.id), eq(questionRevisions.isPublished, true)))
  ).map((r) => r.locale);
  const parent =
    row.q.parentId === null ? null : ((await titled().where(eq(questions.id, row.q.parentId)).limit(1))[0] ?? null);

  return {
    id: row.q.id,
    slug: row.q.slug,
    locale,
    title: row.r.title,
    shortAnswer: row.r.shortAnswer,
    body: row.r.body,
    imageId: row.r.imageId,
    revision: { id: row.r.id, number: row.r.number, authorName: row.r.authorName, createdAt: row.r.createdAt },
    createdAt: row.q.createdAt,
    locales: localeOrder.filter((l) => locales.includes(l)),
    parent,
    followUps,
  };
}

/** Every published (question, locale) with the date of its published revision, for the sitemap. */
export async function listPublishedPages(db: Db): Promise<PublishedPage[]> {
  return db
    .select({ slug: questions.slug, locale: questionRevisions.locale, updatedAt: questionRevisions.createdAt })
    .from(questions)
    .innerJoin(questionRevisions, and(eq(questionRevisions.questionId, questions.id), eq(questionRevisions.isPublished, true)))
    .orderBy(asc(questions.position), asc(questions.id), asc(questionRevisions.locale));
}
