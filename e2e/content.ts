/** The questions as the e2e database holds them: what a page must say, read straight from the tables. */
import { e2eSql } from "./db";

export interface Published {
  slug: string;
  title: string;
  shortAnswer: string;
  createdAt: Date;
}

/** The published text of a question in a locale, straight from the database (what the page must say). */
export async function published(slug: string, locale: "en" | "uk"): Promise<Published> {
  const sql = e2eSql();
  try {
    const [r] = await sql`
      select q.slug, r.title, r.short_answer, r.created_at from questions q
      join question_revisions r on r.question_id = q.id and r.is_published and r.locale = ${locale}
      where q.slug = ${slug}`;
    return { slug: r.slug as string, title: r.title as string, shortAnswer: r.short_answer as string, createdAt: r.created_at as Date };
  } finally {
    await sql.end();
  }
}

export async function slugs(): Promise<{ main: string; last: string; all: string[] }> {
  const sql = e2eSql();
  try {
    const rows = await sql`select slug, parent_id from questions order by position, id`;
    return {
      main: rows.find((r) => r.parent_id === null)!.slug as string,
      last: rows.filter((r) => r.parent_id !== null).at(-1)!.slug as string,
      all: rows.map((r) => r.slug as string),
    };
  } finally {
    await sql.end();
  }
}
