/**
 * `npm run db:migrate`: applies drizzle/ migrations and seeds an empty database.
 * Uses DATABASE_URL when set, else the embedded PGlite database (PGLITE_DIR, default .data/pglite).
 */
import { parseEnv } from "../src/env";
import { openDb } from "../src/server/db/client";
import { seedContent } from "../src/server/db/seed";
import { loadQuizBank } from "../src/server/quiz/bank";
import { seedQuiz } from "../src/server/quiz/seed";

const e = parseEnv(process.env);
const handle = await openDb({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolMax: 1 });
try {
  let seeded = false;
  let quiz = { created: 0, updated: 0, retired: 0 };
  await handle.migrate(async (db) => {
    seeded = await seedContent(db);
    quiz = await seedQuiz(db, await loadQuizBank());
  });
  console.log(`Migrations applied (${handle.driver}).${seeded ? " Seed content inserted." : ""}`);
  console.log(`Quiz bank: ${quiz.created} new, ${quiz.updated} updated, ${quiz.retired} retired items.`);
} finally {
  await handle.close();
}
