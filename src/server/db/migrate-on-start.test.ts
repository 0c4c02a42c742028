/**
 * MIGRATE_ON_START=off (serverless, migrated once at deploy by `npm run db:migrate`): a process opens its
 * database without migrating it; by default the first use migrates and seeds.
 */
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

async function openFresh(migrateOnStart: "on" | "off") {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("PGLITE_DIR", "memory");
  vi.stubEnv("MIGRATE_ON_START", migrateOnStart);
  const { getDbHandle } = await import("./index");
  return getDbHandle();
}

/** PGlite answers { rows }, postgres.js an array. */
const rowsOf = (result: unknown): unknown[] => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);

describe("MIGRATE_ON_START", () => {
  afterEach(async () => {
    const holder = globalThis as unknown as { __overlayLabDb?: Promise<{ close(): Promise<void> }> };
    await (await holder.__overlayLabDb)?.close();
    holder.__overlayLabDb = undefined;
    vi.unstubAllEnvs();
  });

  it("off: the database is opened as it is, not migrated", async () => {
    const handle = await openFresh("off");
    const rows = rowsOf(await handle.db.execute(sql`select to_regclass('public.questions') as t`));
    expect((rows[0] as { t: string | null }).t).toBeNull();
  }, 30_000);

  it("on (the default): the first use migrates and seeds", async () => {
    const handle = await openFresh("on");
    const rows = rowsOf(await handle.db.execute(sql`select count(*)::int as n from questions`));
    expect((rows[0] as { n: number }).n).toBeGreaterThan(0);
  }, 30_000);
});
