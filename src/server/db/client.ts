import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One type for both drivers: the rest of the code never knows which one it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  /** Runs migrations (and `afterMigrate`, e.g. seeding) once, serialised across processes. */
  migrate(afterMigrate?: (db: Db) => Promise<void>): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, which `pgliteLoad` starts another one from. */
  dump?(): Promise<Blob>;
}

export interface DbOptions {
  /** A postgres:// URL; without it, an embedded PGlite database. */
  url?: string;
  /** PGlite data directory, or "memory". */
  pgliteDir?: string;
  poolMax?: number;
  migrationsFolder?: string;
  /** PGlite only: start from this dump (`DbHandle.dump`) instead of an empty cluster. */
  pgliteLoad?: Blob;
}

// A fixed key for pg_advisory_lock: concurrent cold starts must not migrate at the same time.
const MIGRATION_LOCK_KEY = 7_946_4789;

export async function openDb(options: DbOptions): Promise<DbHandle> {
  const migrationsFolder = options.migrationsFolder ?? path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle");
  if (options.url) {
    // prepare:false keeps us compatible with PgBouncer in transaction mode.
    const client = postgres(options.url, {
      max: options.poolMax ?? 5,
      prepare: false,
      // Fail fast when the server cannot be reached (default 30 s): requests answer 503 at once
      // (db/unavailable.ts) instead of hanging, and the next query tries a fresh connection.
      connect_timeout: 3,
      // Before it tries to connect again, postgres.js waits a backoff that grows with every failed attempt in
      // the pool (3^n / 100 s, up to 20 s) and is reset only by a connection that succeeds. A restart of a few
      // seconds counts many failures: once the database was back, requests waited 10–20 s to be connected.
      // The app already stops asking for a second after it finds the database away (db/unavailable.ts), so
      // the driver's own wait stays short: 0.1 s per failure, at most half a second.
      backoff: (retries: number) => Math.min(0.1 * retries, 0.5),
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      async migrate(afterMigrate) {
        // pg_advisory_lock is held by a session, so migrate through a one-connection pool: every
        // statement, the lock and the unlock run on the same connection.
        const single = postgres(options.url!, { max: 1, prepare: false, onnotice: () => {} });
        try {
          const locked = drizzlePostgres({ client: single, schema });
          await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
          try {
            await migratePostgres(locked, { migrationsFolder });
            if (afterMigrate) await afterMigrate(locked as unknown as Db);
          } finally {
            await single`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
          }
        } finally {
          await single.end({ timeout: 5 });
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dir = options.pgliteDir ?? ".data/pglite";
  let dataDir: string | undefined;
  if (dir !== "memory") {
    // PGlite only creates the last path segment itself.
    dataDir = path.resolve(/* turbopackIgnore: true */ dir);
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  const client = await PGlite.create(dataDir, options.pgliteLoad ? { loadDataDir: options.pgliteLoad } : {});
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    async migrate(afterMigrate) {
      // PGlite is single-process; nothing else can be migrating it.
      await migratePglite(db as never, { migrationsFolder });
      if (afterMigrate) await afterMigrate(db);
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir("none"),
  };
}
