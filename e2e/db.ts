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
