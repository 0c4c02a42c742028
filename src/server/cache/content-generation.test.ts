/**
 * The signal that reaches every instance: a publication committed through one connection changes
 * the content generation another process reads, and its NOTIFY arrives without waiting for a poll.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresTestDb, postgresReachable, type TestDb } from "../db/testing";
import { callerAs, createUser, FIXTURE, key, published, seedFixture } from "../services/moderation-testing";
import { forgetAway, noteAway } from "../db/away.mjs";
import { postgresGeneration } from "./content-generation.mjs";

const available = await postgresReachable();

/** Milliseconds until `source` reports a generation for which `ok` holds. */
async function until(source: { current(): Promise<string | null> }, ok: (g: string | null) => boolean, withinMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < withinMs) {
    if (ok(await source.current())) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`the generation is still ${await source.current()} after ${withinMs} ms`);
}

describe.runIf(available)("content generation on PostgreSQL", () => {
  let t: TestDb;
  const sources: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    t = await createPostgresTestDb({ seed: false });
    await seedFixture(t.db);
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.close()));
    await t?.close();
  });

  async function publish(title: string) {
    const author = await createUser(t.db, "contributor");
    const mod = await createUser(t.db, "moderator");
    const slug = FIXTURE.main.slug;
    const base = (await published(t.db, slug, "en")).id;
    const { suggestion } = await callerAs(t.db, author).suggestion.submit({ questionSlug: slug, locale: "en", baseRevisionId: base, changes: { title }, clientKey: key() });
    const before = await Promise.all(watchers().map((w) => w.current()));
    return { suggestion, before, approve: () => callerAs(t.db, mod).moderation.approve({ id: suggestion.id }) };
  }

  let listening: ReturnType<typeof postgresGeneration>;
  let polling: ReturnType<typeof postgresGeneration>;
  const watchers = () => [listening, polling];

  it("reads the same generation from any connection, and a suggestion alone does not change it", async () => {
    // As another instance would: its own connection, no poll to speak of, only the notification.
    // Bounds far above what hearing takes, so that only a notification never heard can fail these tests,
    // not a busy machine: the listener would otherwise learn of a publication in a minute, by its poll.
    listening = postgresGeneration({ url: t.url!, pollMs: 60_000, hearWithinMs: 10_000 });
    // A connection that cannot LISTEN (PgBouncer in transaction mode) relies on the poll.
    polling = postgresGeneration({ url: t.url!, pollMs: 150, listen: false });
    sources.push(listening, polling);
    expect(await listening.current()).toBe("4:4");
    expect(await polling.current()).toBe("4:4");
    await publish("Not approved yet");
    await listening.refresh();
    expect(await listening.current()).toBe("4:4");
  });

  it("a publication reaches a listener at once and a poller within its interval", async () => {
    const { before, approve } = await publish("Approved: overlay networks");
    // The listener is connected and LISTENing once its first read answered; give it the same head start.
    await new Promise((r) => setTimeout(r, 200));
    const { revisionId } = await approve();
    // The notification moves the generation off the old one at once, then it is read back exactly.
    await until(listening, (g) => g !== before[0], 5_000);
    await until(listening, (g) => g === `5:${revisionId}`, 5_000);
    await until(polling, (g) => g === `5:${revisionId}`, 5_000);
  });

  it("on the publishing instance, `published` returns once the new generation is read and its own notification heard", async () => {
    const { approve } = await publish("Approved: heard by all");
    const { revisionId } = await approve();
    const t0 = performance.now();
    await listening.published(revisionId);
    expect(performance.now() - t0).toBeLessThan(5_000); // heard, not timed out (at 10 s)
    expect(await listening.current()).toMatch(new RegExp(`:${revisionId}$`));
    // Without LISTEN it only reads back.
    await polling.published(revisionId);
    expect(await polling.current()).toMatch(new RegExp(`:${revisionId}$`));
  });

  it("a rollback is a publication too", async () => {
    const before = await listening.current();
    const mod = await createUser(t.db, "moderator");
    const first = (await callerAs(t.db, mod).revision.history({ questionSlug: FIXTURE.main.slug, locale: "en", limit: 10 })).items.at(-1)!;
    const { revisionId } = await callerAs(t.db, mod).revision.rollback({ revisionId: first.id });
    await until(listening, (g) => g !== before, 1_000);
    await until(listening, (g) => g === `7:${revisionId}`, 1_000);
  });

  it("after missing its polls (a frozen or starved process) it reads the generation before answering", async () => {
    let clock = performance.now();
    const frozen = postgresGeneration({ url: t.url!, pollMs: 60_000, listen: false, now: () => clock });
    sources.push(frozen);
    const before = await frozen.current();
    const { approve } = await publish("Published while frozen");
    const { revisionId } = await approve();
    expect(await frozen.current()).toBe(before); // within its poll interval it trusts what it has
    clock += 3 * 60_000; // polls missed
    expect(await frozen.current()).toMatch(new RegExp(`:${revisionId}$`));
  });

  it("keeps the last generation it read while the database is unreachable", async () => {
    const down = postgresGeneration({ url: "postgres://postgres@127.0.0.1:1/none", pollMs: 60_000, listen: false, connectTimeoutS: 1 });
    sources.push(down);
    expect(await down.current()).toBeNull();
    expect(down.unreachable?.()).toBe(true);
  });

  it("says whether its last read failed, so the page cache can serve what it has (stale if error)", async () => {
    const up = postgresGeneration({ url: t.url!, pollMs: 60_000, listen: false });
    sources.push(up);
    expect(await up.current()).not.toBeNull();
    expect(up.unreachable?.()).toBe(false);
    // A request of the app's just found the database away (db/unavailable.ts): the cache knows at once.
    noteAway();
    expect(up.unreachable?.()).toBe(true);
    forgetAway();
    expect(up.unreachable?.()).toBe(false);
  });
});
