/**
 * `npm run db:migrate`: applies drizzle/ migrations and seeds an empty database.
 * Uses DATABASE_URL when set, else the embedded PGlite database (PGLITE_DIR, default .data/pglite).
 */
import { parseEnv } from "../src/env";
import { openDb } from "../src/server/db/client";
import { seedContent } from "../src/server/db/seed";

const e = parseEnv(process.env);
const handle = await openDb({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolMax: 1 });
try {
  let seeded = false;
  await handle.migrate(async (db) => {
    seeded = await seedContent(db);
  });
  console.log(`Migrations applied (${handle.driver}).${seeded ? " Seed content inserted." : ""}`);
} finally {
  await handle.close();
}
