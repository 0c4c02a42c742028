import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "./client";
import { questionRevisions, questions } from "./schema";
import { seedContent } from "./seed";
import { createPgliteTestDb, postgresReachable, TEST_PG_ADMIN_URL } from "./testing";

const migrationsFolder = path.join(import.meta.dirname, "../../../drizzle");

describe("embedded PGlite on disk", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "overlay-pglite-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("creates a nested data dir, migrates, seeds once, and keeps data across reopen", async () => {
    const dir = path.join(root, "nested", "pglite");
    const first = await openDb({ pgliteDir: dir, migrationsFolder });
    const seeded: boolean[] = [];
    await first.migrate(async (db) => void seeded.push(await seedContent(db)));
    const [{ n }] = await first.db.select({ n: count() }).from(questions);
    expect(n).toBeGreaterThan(0);
    await first.close();

    const again = await openDb({ pgliteDir: dir, migrationsFolder });
    await again.migrate(async (db) => void seeded.push(await seedContent(db)));
    const [{ n: after }] = await again.db.select({ n: count() }).from(questions);
    await again.close();
    expect(seeded).toEqual([true, false]);
    expect(after).toBe(n);
  });
});

describe("PGlite test databases from this run's dump", () => {
  it("start where a fresh one does: migrated and seeded, with nothing left to migrate or seed, and writable", async () => {
    // The run's global setup gives the dumps a directory: the first database below makes the dump, the second loads it.
    expect(process.env.PGLITE_TEST_DUMPS).toBeTruthy();
    const first = await createPgliteTestDb();
    const second = await createPgliteTestDb();
    expect(fs.existsSync(path.join(process.env.PGLITE_TEST_DUMPS!, "seeded.tar"))).toBe(true);
    const counts = async (db: typeof first.db) => [(await db.select({ n: count() }).from(questions))[0].n, (await db.select({ n: count() }).from(questionRevisions))[0].n];
    expect(await counts(second.db)).toEqual(await counts(first.db));
    const seeded: boolean[] = [];
    const handle = await openDb({ pgliteDir: "memory", migrationsFolder, pgliteLoad: new Blob([fs.readFileSync(path.join(process.env.PGLITE_TEST_DUMPS!, "seeded.tar"))]) });
    await handle.migrate(async (db) => void seeded.push(await seedContent(db)));
    expect(seeded).toEqual([false]);
    await handle.close();
    await second.db.delete(questionRevisions);
    expect((await counts(second.db))[1]).toBe(0);
    expect((await counts(first.db))[1]).toBeGreaterThan(0);
    await first.close();
    await second.close();
  });
});

const pgUp = await postgresReachable();
describe.runIf(pgUp)("real PostgreSQL", () => {
  it("serialises concurrent cold starts: two processes migrating and seeding at once seed exactly once", async () => {
    const name = `overlay_test_concurrent_${process.pid}`;
    const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(TEST_PG_ADMIN_URL);
    url.pathname = `/${name}`;
    try {
      const a = await openDb({ url: url.toString(), migrationsFolder });
      const b = await openDb({ url: url.toString(), migrationsFolder });
      const results = await Promise.all([a, b].map(async (h) => {
        let seeded = false;
        await h.migrate(async (db) => void (seeded = await seedContent(db)));
        return seeded;
      }));
      expect(results.filter(Boolean)).toHaveLength(1);
      const [{ n }] = await a.db.select({ n: count() }).from(questionRevisions);
      const [{ q }] = await a.db.select({ q: count() }).from(questions);
      expect(n).toBe(q * 2); // one published revision per question and locale
      await Promise.all([a.close(), b.close()]);
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it("is found again within a second once it is back, however many connection attempts failed while it was away", async () => {
    // A port that refuses connections (the database restarting), then forwards them to the real server.
    const target = new URL(TEST_PG_ADMIN_URL);
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const url = new URL(TEST_PG_ADMIN_URL);
    url.port = String(port);
    const handle = await openDb({ url: url.toString(), migrationsFolder });
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    try {
      // Away: every query fails at once, and each failure is a failed connection attempt the driver counts.
      for (let i = 0; i < 10; i++) await expect(handle.db.execute(sql`select 1`)).rejects.toBeTruthy();
      await new Promise<void>((resolve) => proxy.listen(port, "127.0.0.1", resolve));
      // Back: the next query connects now. postgres.js's default backoff, grown with each failure, made it wait
      // up to 20 s before trying (pages hung for 13–19 s after a restart in the load test).
      const started = performance.now();
      await handle.db.execute(sql`select 1`);
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      await handle.close();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
