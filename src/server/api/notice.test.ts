import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestions, type Locale } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import { callerAs, createUser, FIXTURE, key, published, seedFixture } from "../services/moderation-testing";
import { NOTICE_DAYS } from "../services/notices";
import type { SessionUser } from "./trpc";

const drivers = await testDrivers();

describe.each(drivers)("decision notices on $driver", ({ available, create }) => {
  let t: TestDb;
  let mod: SessionUser;
  let author: SessionUser;
  let other: SessionUser;
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    await seedFixture(t.db);
    mod = await createUser(t.db, "moderator", "Mia Moderator");
    author = await createUser(t.db, "contributor", "Olena");
    other = await createUser(t.db, "contributor", "Petro");
  });
  afterAll(async () => t?.close());

  const slug = FIXTURE.followUp.slug;
  async function suggest(who: SessionUser | null, locale: Locale, title: string) {
    const base = (await published(t.db, slug, locale)).id;
    const clientKey = key();
    const r = await callerAs(t.db, who).suggestion.submit({ questionSlug: slug, locale, baseRevisionId: base, changes: { title }, clientKey });
    return { id: r.suggestion.id, clientKey };
  }

  it.skipIf(!available)("tell the author of each decision — approved, edited then approved, rejected with the reason — and nobody else", async () => {
    const approved = await suggest(author, "en", "Overlay or bridge — which?");
    const edited = await suggest(author, "uk", "Overlay чи bridge — що обрати?");
    const rejected = await suggest(author, "en", "Bridge is better");
    const pending = await suggest(author, "en", "Still waiting");
    expect(await callerAs(t.db, author).notice.list({ keys: [] })).toEqual([]);

    await callerAs(t.db, mod).moderation.approve({ id: approved.id });
    await callerAs(t.db, mod).moderation.approve({ id: edited.id, edits: { title: "Overlay чи bridge: що обрати?" } });
    await callerAs(t.db, mod).moderation.reject({ id: rejected.id, reasonCode: "inaccurate", reasonText: "Bridge is single-host." });

    const notices = await callerAs(t.db, author).notice.list({ keys: [] });
    expect(notices.map((n) => [n.id, n.outcome])).toEqual([
      [rejected.id, "rejected"],
      [edited.id, "edited"],
      [approved.id, "approved"],
    ]);
    expect(notices[0]).toMatchObject({ locale: "en", questionSlug: slug, reason: { code: "inaccurate", text: "Bridge is single-host." }, clientKey: null });
    expect(notices[1]).toMatchObject({ locale: "uk", questionTitle: "Overlay чи bridge: що обрати?", reason: null });
    expect(notices.map((n) => n.id)).not.toContain(pending.id);
    // Not another contributor's, not a moderator's, not an anonymous visitor's.
    expect(await callerAs(t.db, other).notice.list({ keys: [] })).toEqual([]);
    expect(await callerAs(t.db, mod).notice.list({ keys: [] })).toEqual([]);
    expect(await callerAs(t.db, null).notice.list({ keys: [] })).toEqual([]);

    // Dismissing is the author's alone; once dismissed, a decision is not announced again.
    expect((await callerAs(t.db, other).notice.dismiss({ ids: [approved.id], keys: [] })).dismissed).toEqual([]);
    expect((await callerAs(t.db, author).notice.dismiss({ ids: [approved.id, pending.id], keys: [] })).dismissed).toEqual([approved.id]);
    expect((await callerAs(t.db, author).notice.list({ keys: [] })).map((n) => n.id)).toEqual([rejected.id, edited.id]);
    expect((await callerAs(t.db, author).notice.dismiss({ ids: [approved.id], keys: [] })).dismissed).toEqual([]);
  });

  it.skipIf(!available)("reach an anonymous author through the key their browser kept, id and key together", async () => {
    const a = await suggest(null, "en", "Anonymous idea");
    const b = await suggest(null, "en", "Another anonymous idea");
    await callerAs(t.db, mod).moderation.reject({ id: a.id, reasonCode: "duplicate" });
    await callerAs(t.db, mod).moderation.approve({ id: b.id });

    const mine = await callerAs(t.db, null).notice.list({ keys: [a, b] });
    expect(mine.map((n) => [n.id, n.outcome, n.clientKey])).toEqual([
      [b.id, "approved", b.clientKey],
      [a.id, "rejected", a.clientKey],
    ]);
    // A key proves only its own suggestion: swapped ids, or a made-up key, show nothing.
    expect(await callerAs(t.db, null).notice.list({ keys: [{ id: a.id, clientKey: b.clientKey }] })).toEqual([]);
    expect(await callerAs(t.db, null).notice.list({ keys: [{ id: a.id, clientKey: key() }] })).toEqual([]);
    expect((await callerAs(t.db, null).notice.dismiss({ ids: [a.id], keys: [{ id: b.id, clientKey: b.clientKey }] })).dismissed).toEqual([]);
    // A signed-in visitor whose browser still holds the key sees it too (before the claim moves it).
    expect((await callerAs(t.db, other).notice.list({ keys: [a] })).map((n) => n.id)).toEqual([a.id]);
    expect((await callerAs(t.db, null).notice.dismiss({ ids: [a.id], keys: [a] })).dismissed).toEqual([a.id]);
    expect((await callerAs(t.db, null).notice.list({ keys: [a, b] })).map((n) => n.id)).toEqual([b.id]);
  });

  it.skipIf(!available)("stop announcing a decision after the notice period, and refuse more than 50 keys", async () => {
    const old = await suggest(author, "en", "An old idea");
    await callerAs(t.db, mod).moderation.approve({ id: old.id });
    expect((await callerAs(t.db, author).notice.list({ keys: [] })).map((n) => n.id)).toContain(old.id);
    await t.db
      .update(suggestions)
      .set({ decidedAt: new Date(Date.now() - (NOTICE_DAYS + 1) * 86_400_000) })
      .where(eq(suggestions.id, old.id));
    expect((await callerAs(t.db, author).notice.list({ keys: [] })).map((n) => n.id)).not.toContain(old.id);
    const many = Array.from({ length: 51 }, (_, i) => ({ id: i + 1, clientKey: key() }));
    await expect(callerAs(t.db, null).notice.list({ keys: many })).rejects.toThrow(/At most 50/);
  });
});
