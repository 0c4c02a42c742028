/**
 * `npm run db:migrate`: applies drizzle/ migrations, seeds an empty database and brings changes to the shipped
 * content (content/questions) into an existing one as revisions, or as suggestions where a moderator edited since.
 * Uses DATABASE_URL when set, else the embedded PGlite database (PGLITE_DIR, default .data/pglite).
 */
import { parseEnv } from "../src/env";
import { openDb } from "../src/server/db/client";
import { describeSync, prepareContent } from "../src/server/services/content-sync";
import { loadQuizBank } from "../src/server/quiz/bank";
import { seedQuiz } from "../src/server/quiz/seed";

const e = parseEnv(process.env);
const handle = await openDb({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolMax: 1 });
try {
  let result: Awaited<ReturnType<typeof prepareContent>> | undefined;
  let quiz = { created: 0, updated: 0, retired: 0 };
  await handle.migrate(async (db) => {
    result = await prepareContent(db);
    quiz = await seedQuiz(db, await loadQuizBank());
  });
  const synced = result && describeSync(result.report);
  console.log(`Migrations applied (${handle.driver}).${result?.seeded ? " Seed content inserted." : ""}${synced ? ` ${synced}` : ""}`);
  console.log(`Quiz bank: ${quiz.created} new, ${quiz.updated} updated, ${quiz.retired} retired items.`);
} finally {
  await handle.close();
}
