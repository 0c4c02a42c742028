/** Direct access to the e2e run's database, for fixtures a test needs (never for assertions a user could not see). */
import postgres from "postgres";

export function e2eSql() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is set by playwright.config.ts");
  return postgres(url, { max: 1, onnotice: () => {} });
}

/** The slug of the main question (the first without a parent). */
export async function mainQuestionSlug(): Promise<string> {
  const sql = e2eSql();
  try {
    const [main] = await sql`select slug from questions where parent_id is null order by position, id limit 1`;
    return main.slug as string;
  } finally {
    await sql.end();
  }
}

/**
 * The highest revision number of a question in a locale. Suites share one database and some publish, so a
 * spec that approves a change expects the next number after this one, never a fixed one.
 */
export async function latestRevision(slug: string, locale: "en" | "uk"): Promise<number> {
  const sql = e2eSql();
  try {
    const [row] = await sql`select max(r.number)::int as n from question_revisions r join questions q on q.id = r.question_id
      where q.slug = ${slug} and r.locale = ${locale}`;
    return row.n as number;
  } finally {
    await sql.end();
  }
}

/** The newest suggestion's id: the one a spec has just sent (the suites run one at a time). */
export async function newestSuggestionId(): Promise<number> {
  const sql = e2eSql();
  try {
    const [row] = await sql`select max(id)::int as id from suggestions`;
    return row.id as number;
  } finally {
    await sql.end();
  }
}
