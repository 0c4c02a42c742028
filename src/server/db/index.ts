import "server-only";
import { env } from "@/env";
import { seedDemoModerator } from "../auth";
import { openDb, type Db, type DbHandle } from "./client";
import { failFast } from "./unavailable";
import { describeSync, prepareContent } from "../services/content-sync";
import { loadQuizBank } from "../quiz/bank";
import { seedQuiz } from "../quiz/seed";

export type { Db } from "./client";

// One database handle per process (and per dev-server reload), opened lazily on first use so
// that build workers never open PGlite.
const holder = globalThis as unknown as { __overlayLabDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  if (!holder.__overlayLabDb) {
    const e = env();
    holder.__overlayLabDb = (async () => {
      const handle = await openDb({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolMax: e.DATABASE_POOL_MAX });
      // Migrated at deploy (npm run db:migrate) when MIGRATE_ON_START=off: nothing to check per cold start.
      if (e.MIGRATE_ON_START === "off") return handle;
      await handle.migrate(async (db) => {
        // Seeds an empty database; brings changes to content/ since the last start into an existing one.
        const { report } = await prepareContent(db);
        const summary = describeSync(report);
        if (summary) console.info(summary);
        await seedQuiz(db, await loadQuizBank());
        // The embedded development setup only (never production, never a real server).
        await seedDemoModerator(db, handle.driver);
      });
      return handle;
    })();
    // A failed start (server down, bad URL) must not poison the process: the next request retries.
    holder.__overlayLabDb.catch(() => {
      holder.__overlayLabDb = undefined;
    });
  }
  return holder.__overlayLabDb;
}

export async function getDb(): Promise<Db> {
  // A request that needs the database while it was found away a moment ago fails at once (503).
  failFast();
  return (await getDbHandle()).db;
}
