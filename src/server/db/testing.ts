/**
 * Test databases for the data-layer tests: a fresh in-memory PGlite, and a fresh database on the
 * real PostgreSQL server (created per test file and dropped after, so runs never collide).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openDb, type Db, type DbHandle } from "./client";
import { seedContent } from "./seed";

export type Driver = DbHandle["driver"];

export interface TestDb {
  db: Db;
  driver: Driver;
  /** The real server's database URL, to open more connections to it (e.g. a second app instance). */
  url?: string;
  close(): Promise<void>;
}

/** Admin URL of the test server; CI makes sure it is up. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const migrationsFolder = path.join(import.meta.dirname, "../../../drizzle");

let reachable: Promise<boolean> | undefined;
/** Whether the real server answers. In CI its absence is a failure, never a silent skip. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const sql = postgres(TEST_PG_ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch (error) {
      if (process.env.CI) throw new Error(`CI needs PostgreSQL at ${TEST_PG_ADMIN_URL}: ${String(error)}`);
      return false;
    } finally {
      await sql.end({ timeout: 1 });
    }
  })();
  return reachable;
}

async function migrated(handle: DbHandle, seed: boolean, onClose: () => Promise<void>, url?: string): Promise<TestDb> {
  await handle.migrate(seed ? async (db) => void (await seedContent(db)) : undefined);
  return {
    db: handle.db,
    driver: handle.driver,
    url,
    close: async () => {
      await handle.close();
      await onClose();
    },
  };
}

/**
 * Where this test run keeps a dump of each kind of fresh PGlite database (set by vitest's global setup for one
 * run, and removed after it). Creating one takes initdb, every migration and the seed: 3–6 s on a small machine.
 * The first of each kind in a run is dumped once made, and the rest start from the dump, in about 1 s. The
 * migrations themselves are still run from scratch by every run (the first database, and migrate-on-start).
 */
const PGLITE_DUMPS = process.env.PGLITE_TEST_DUMPS;

export async function createPgliteTestDb({ seed = true } = {}): Promise<TestDb> {
  const file = PGLITE_DUMPS ? path.join(PGLITE_DUMPS, seed ? "seeded.tar" : "migrated.tar") : null;
  if (file && fs.existsSync(file)) {
    const handle = await openDb({ pgliteDir: "memory", migrationsFolder, pgliteLoad: new Blob([fs.readFileSync(file)]) });
    return { db: handle.db, driver: handle.driver, close: () => handle.close() };
  }
  const handle = await openDb({ pgliteDir: "memory", migrationsFolder });
  const made = await migrated(handle, seed, async () => {});
  if (file && handle.dump) {
    // Written whole, then renamed: a test file starting meanwhile finds either no dump or a complete one.
    const partial = `${file}.${process.pid}.${randomUUID()}`;
    fs.writeFileSync(partial, Buffer.from(await (await handle.dump()).arrayBuffer()));
    fs.renameSync(partial, file);
  }
  return made;
}

/** `migrate: false` leaves the database empty, for a test that migrates it step by step. */
export async function createPostgresTestDb({ seed = true, migrate = true } = {}): Promise<TestDb> {
  const name = `overlay_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString(), poolMax: 10, migrationsFolder });
  const drop = async () => {
    const dropper = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    await dropper.end();
  };
  if (!migrate) {
    const close = async () => {
      await handle.close();
      await drop();
    };
    return { db: handle.db, driver: handle.driver, url: url.toString(), close };
  }
  return migrated(handle, seed, drop, url.toString());
}

/** Both drivers, for `describe.each`: the postgres one is marked unavailable when the server is down. */
export async function testDrivers(): Promise<{ driver: Driver; available: boolean; create: typeof createPgliteTestDb }[]> {
  return [
    { driver: "pglite", available: true, create: createPgliteTestDb },
    { driver: "postgres", available: await postgresReachable(), create: createPostgresTestDb },
  ];
}
