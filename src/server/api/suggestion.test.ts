import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestions } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import { RATE_LIMITS } from "../services/rate-limit";
import { callerAs, createUser, FIXTURE, freshIp, key, published, seedFixture } from "../services/moderation-testing";
import { LIMITS } from "./schemas/common";
import type { SessionUser } from "./trpc";

const drivers = await testDrivers();

async function rejects(p: Promise<unknown>, code: TRPCError["code"], message?: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
  return error as TRPCError;
}

describe.each(drivers)("suggestion router on $driver", ({ driver, available, create }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    await seedFixture(t.db);
  });
  afterAll(async () => t?.close());

  const base = () => published(t.db, FIXTURE.main.slug, "en");

  it.skipIf(!available)(`submits a change, storing only changed fields and the base (${driver})`, async () => {
    const b = await base();
    const clientKey = key();
    const res = await callerAs(t.db, null).suggestion.submit({
      questionSlug: FIXTURE.main.slug,
      locale: "en",
      baseRevisionId: b.id,
      changes: { title: "A better title", shortAnswer: b.shortAnswer, body: b.body, image: { op: "keep" } },
      note: "Please check the wording",
      clientKey,
    });
    expect(res.duplicate).toBe(false);
    expect(res.suggestion).toMatchObject({
      questionSlug: FIXTURE.main.slug,
      locale: "en",
      baseRevisionId: b.id,
      changedFields: ["title"],
      changes: { title: "A better title" },
      status: "pending",
      reason: null,
    });
    expect(JSON.stringify(res)).not.toContain("Please check the wording");
    const [row] = await t.db.select().from(suggestions).where(eq(suggestions.id, res.suggestion.id));
    expect(row).toMatchObject({ title: "A better title", shortAnswer: null, body: null, imageAction: null, note: "Please check the wording", authorId: null, authorName: "Anonymous" });
    expect(row.authorIpHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.skipIf(!available)("returns the same suggestion for a retried submit (same client key), never a duplicate", async () => {
    const b = await base();
    const ip = freshIp();
    const input = { questionSlug: FIXTURE.main.slug, locale: "en" as const, baseRevisionId: b.id, changes: { body: b.body + "\nMore." }, clientKey: key() };
    const first = await callerAs(t.db, null, ip).suggestion.submit(input);
    const again = await callerAs(t.db, null, ip).suggestion.submit(input);
    // Two at once, too.
    const [x, y] = await Promise.all([callerAs(t.db, null, ip).suggestion.submit(input), callerAs(t.db, null, ip).suggestion.submit(input)]);
    expect(again.duplicate).toBe(true);
    expect([again.suggestion.id, x.suggestion.id, y.suggestion.id]).toEqual([first.suggestion.id, first.suggestion.id, first.suggestion.id]);
    const rows = await t.db.select().from(suggestions).where(eq(suggestions.clientKey, input.clientKey));
    expect(rows).toHaveLength(1);
    // The same anonymous browser on another network still gets its suggestion back.
    expect((await callerAs(t.db, null, freshIp()).suggestion.submit(input)).suggestion.id).toBe(first.suggestion.id);
    // Someone else replaying the key gets a conflict, not the suggestion.
    const other = await createUser(t.db, "contributor");
    await rejects(callerAs(t.db, other).suggestion.submit(input), "CONFLICT");
  });

  it.skipIf(!available)("refuses a submission that changes nothing", async () => {
    const b = await base();
    const submit = (changes: object) =>
      callerAs(t.db, null).suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes, clientKey: key() });
    await rejects(submit({}), "BAD_REQUEST", /changes nothing/);
    await rejects(submit({ title: b.title, body: b.body, image: { op: "keep" } }), "BAD_REQUEST", /changes nothing/);
    // Removing an image the base does not have is not a change either; CRLF vs LF is not a change.
    await rejects(submit({ image: { op: "remove" }, body: b.body.replace(/\n/g, "\r\n") }), "BAD_REQUEST", /changes nothing/);
  });

  it.skipIf(!available)("rejects invalid input with field messages: caps, NUL, bad key, unknown question or base", async () => {
    const b = await base();
    const ok = { questionSlug: FIXTURE.main.slug, locale: "en" as const, baseRevisionId: b.id, clientKey: key() };
    const c = callerAs(t.db, null);
    await rejects(c.suggestion.submit({ ...ok, changes: { title: "x".repeat(LIMITS.title + 1) } }), "BAD_REQUEST", /Title is too long/);
    await rejects(c.suggestion.submit({ ...ok, changes: { shortAnswer: "x".repeat(LIMITS.shortAnswer + 1) } }), "BAD_REQUEST", /Short answer is too long/);
    await rejects(c.suggestion.submit({ ...ok, changes: { body: "x".repeat(LIMITS.body + 1) } }), "BAD_REQUEST", /Answer is too long/);
    await rejects(c.suggestion.submit({ ...ok, changes: { title: "ok" }, note: "n".repeat(LIMITS.note + 1) }), "BAD_REQUEST", /Note to the moderator is too long/);
    await rejects(c.suggestion.submit({ ...ok, changes: { body: "a\u0000b" } }), "BAD_REQUEST", /NUL/);
    await rejects(c.suggestion.submit({ ...ok, changes: { title: "two\nlines" } }), "BAD_REQUEST", /single line/);
    await rejects(c.suggestion.submit({ ...ok, changes: { title: "   " } }), "BAD_REQUEST", /cannot be empty/);
    await rejects(c.suggestion.submit({ ...ok, clientKey: "not-a-uuid", changes: { title: "ok" } }), "BAD_REQUEST", /UUID/);
    await rejects(c.suggestion.submit({ ...ok, questionSlug: "no-such-question", changes: { title: "ok" } }), "NOT_FOUND");
    const uk = await published(t.db, FIXTURE.main.slug, "uk");
    await rejects(c.suggestion.submit({ ...ok, baseRevisionId: uk.id, changes: { title: "ok" } }), "BAD_REQUEST", /reload/);
    await rejects(c.suggestion.submit({ ...ok, changes: { image: { op: "upload", uploadId: "f".repeat(64) } } }), "BAD_REQUEST", /upload it again/);
    // Exactly at the caps is fine.
    const atCap = await c.suggestion.submit({ ...ok, clientKey: key(), changes: { title: "t".repeat(LIMITS.title), body: "b".repeat(LIMITS.body) }, note: "n".repeat(LIMITS.note) });
    expect(atCap.suggestion.changes.body).toHaveLength(LIMITS.body);
  });

  it.skipIf(!available)("rate-limits anonymous submissions per IP and caps pending suggestions per contributor", async () => {
    const b = await base();
    const ip = freshIp();
    const submit = (i: number, who: Parameters<typeof callerAs>[1] = null, from = ip) =>
      callerAs(t.db, who, from).suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { title: `Title ${i}` }, clientKey: key() });
    for (let i = 0; i < RATE_LIMITS.pendingPerContributor; i++) await submit(i);
    await rejects(submit(99), "TOO_MANY_REQUESTS", /waiting for review/);
    // Once moderated, the pending slots free up, but the hourly limit still counts.
    await t.db.update(suggestions).set({ status: "rejected", reasonCode: "spam" }).where(eq(suggestions.status, "pending"));
    for (let i = RATE_LIMITS.pendingPerContributor; i < RATE_LIMITS.anonymousSubmitsPerHour; i++) await submit(i);
    await t.db.update(suggestions).set({ status: "rejected", reasonCode: "spam" }).where(eq(suggestions.status, "pending"));
    await rejects(submit(100), "TOO_MANY_REQUESTS", /at most 10 an hour without an account/);
    // Another network is not affected; a signed-in contributor is counted per account.
    await submit(101, null, freshIp());
    const u = await createUser(t.db, "contributor");
    await submit(102, u, ip);
  });

  it.skipIf(!available)("holds the pending cap under concurrent submits", async () => {
    const b = await base();
    const u = await createUser(t.db, "contributor");
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        callerAs(t.db, u).suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { title: `Burst ${i}` }, clientKey: key() }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(RATE_LIMITS.pendingPerContributor);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => (r.reason as TRPCError).code)).toEqual(Array(12 - RATE_LIMITS.pendingPerContributor).fill("TOO_MANY_REQUESTS"));
    const rows = await t.db.select().from(suggestions).where(eq(suggestions.authorId, u.id));
    expect(rows).toHaveLength(RATE_LIMITS.pendingPerContributor);
  });

  it.skipIf(!available)("lets a contributor list their suggestions and see the moderator's reason, then resubmit a rejected one", async () => {
    const u = await createUser(t.db, "contributor");
    const b = await base();
    const me = callerAs(t.db, u);
    const sent = await me.suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { shortAnswer: "Short." }, note: "secret note", clientKey: key() });
    const mod = await createUser(t.db, "moderator");
    await callerAs(t.db, mod).moderation.reject({ id: sent.suggestion.id, reasonCode: "unclear", reasonText: "Say more about VXLAN." });
    const mine = await me.suggestion.mine({ limit: 10 });
    expect(mine.items.map((s) => [s.id, s.status, s.reason])).toEqual([[sent.suggestion.id, "rejected", { code: "unclear", text: "Say more about VXLAN." }]]);
    expect(JSON.stringify(mine)).not.toContain("secret note");

    const again = await me.suggestion.resubmit({ suggestionId: sent.suggestion.id, baseRevisionId: b.id, changes: { shortAnswer: "Short, about VXLAN." }, clientKey: key() });
    expect(again.suggestion).toMatchObject({ status: "pending", resubmittedFromId: sent.suggestion.id });
    const after = await me.suggestion.mine({ limit: 10 });
    expect(after.items.map((s) => s.status)).toEqual(["pending", "superseded"]);
    // Only rejected ones can be resubmitted, and only by their author.
    await rejects(me.suggestion.resubmit({ suggestionId: again.suggestion.id, baseRevisionId: b.id, changes: { title: "x" }, clientKey: key() }), "BAD_REQUEST", /Only a rejected/);
    await rejects(callerAs(t.db, await createUser(t.db, "contributor")).suggestion.resubmit({ suggestionId: sent.suggestion.id, baseRevisionId: b.id, changes: { title: "x" }, clientKey: key() }), "NOT_FOUND");
  });

  it.skipIf(!available)("gives a new unverified account the anonymous hourly limit, and an established one the account limit", async () => {
    const b = await base();
    const mod = callerAs(t.db, await createUser(t.db, "moderator"));
    async function sendUntilRefused(user: SessionUser, max: number) {
      for (let i = 0; i < max; i++) {
        const r = await callerAs(t.db, user)
          .suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { title: `Limit ${user.id} ${i}` }, clientKey: key() })
          .catch((e: unknown) => e as TRPCError);
        if (r instanceof TRPCError) return { sent: i, error: r };
        await mod.moderation.reject({ id: r.suggestion.id, reasonCode: "duplicate" }); // keep under the pending cap
      }
      return { sent: max, error: null };
    }
    const fresh = { ...(await createUser(t.db, "contributor")), newAccount: true };
    const capped = await sendUntilRefused(fresh, RATE_LIMITS.anonymousSubmitsPerHour + 1);
    expect(capped.sent).toBe(RATE_LIMITS.anonymousSubmitsPerHour);
    expect(capped.error?.message).toMatch(/^New accounts can send 10 suggestions an hour during their first day\. Try again/);
    const older = await createUser(t.db, "contributor");
    expect((await sendUntilRefused(older, RATE_LIMITS.anonymousSubmitsPerHour + 1)).error).toBeNull();
  });

  it.skipIf(!available)("makes two simultaneous resubmits of one rejected suggestion one resubmission", async () => {
    const u = await createUser(t.db, "contributor");
    const b = await base();
    const me = callerAs(t.db, u);
    const sent = await me.suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { shortAnswer: "Twice." }, clientKey: key() });
    await callerAs(t.db, await createUser(t.db, "moderator")).moderation.reject({ id: sent.suggestion.id, reasonCode: "unclear" });
    // Two tabs (two form keys) sending the revision at the same moment.
    const resubmit = () =>
      me.suggestion.resubmit({ suggestionId: sent.suggestion.id, baseRevisionId: b.id, changes: { shortAnswer: "Twice, clearer." }, clientKey: key() });
    const [first, second] = await Promise.all([resubmit(), resubmit()]);
    expect(first.suggestion.id).toBe(second.suggestion.id);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    const rows = await t.db.select().from(suggestions).where(eq(suggestions.resubmittedFromId, sent.suggestion.id));
    expect(rows).toHaveLength(1);
    // A later retry is the same answer, not an error.
    expect((await resubmit()).suggestion.id).toBe(first.suggestion.id);
  });

  it.skipIf(!available)("shows one suggestion to its author, its key holder and moderators only", async () => {
    const b = await base();
    const clientKey = key();
    const sent = await callerAs(t.db, null).suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { title: "Keyed" }, clientKey });
    const id = sent.suggestion.id;
    expect((await callerAs(t.db, null).suggestion.get({ id, clientKey })).status).toBe("pending");
    await rejects(callerAs(t.db, null).suggestion.get({ id }), "NOT_FOUND");
    await rejects(callerAs(t.db, await createUser(t.db, "contributor")).suggestion.get({ id }), "NOT_FOUND");
    expect((await callerAs(t.db, await createUser(t.db, "moderator")).suggestion.get({ id })).id).toBe(id);
  });

  it.skipIf(!available)("lets a signed-in contributor claim the anonymous suggestions their browser sent, and nothing else", async () => {
    const b = await base();
    const anon = callerAs(t.db, null);
    const mine = key();
    const someoneElses = key();
    const sent = await anon.suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { title: "Claim me" }, clientKey: mine });
    const other = await callerAs(t.db, await createUser(t.db, "contributor")).suggestion.submit({ questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: b.id, changes: { title: "Not yours" }, clientKey: someoneElses });
    const user = await createUser(t.db, "contributor");
    const me = callerAs(t.db, user);
    expect((await me.suggestion.mine({ limit: 20 })).items).toEqual([]);
    // An account's suggestion is never taken over, even with its key.
    expect(await me.suggestion.claim({ clientKeys: [mine, someoneElses, key()] })).toEqual({ claimed: [sent.suggestion.id] });
    const listed = (await me.suggestion.mine({ limit: 20 })).items;
    expect(listed.map((s) => s.id)).toEqual([sent.suggestion.id]);
    // With the base text of each changed field, so the contributor sees their own diff.
    expect(listed[0].before).toEqual({ title: b.title });
    expect(listed[0].changes).toEqual({ title: "Claim me" });
    expect((await me.suggestion.get({ id: other.suggestion.id }).catch((e: unknown) => e)) instanceof TRPCError).toBe(true);
    const [row] = await t.db.select().from(suggestions).where(eq(suggestions.id, sent.suggestion.id));
    expect({ authorId: row.authorId, authorName: row.authorName, authorIpHash: row.authorIpHash }).toEqual({ authorId: user.id, authorName: user.name, authorIpHash: null });
    // Claiming twice claims nothing more; anonymous callers and bad keys are refused.
    expect(await me.suggestion.claim({ clientKeys: [mine] })).toEqual({ claimed: [] });
    await rejects(anon.suggestion.claim({ clientKeys: [mine] }), "UNAUTHORIZED");
    await rejects(me.suggestion.claim({ clientKeys: ["not-a-uuid"] }), "BAD_REQUEST", /UUID/);
    await rejects(me.suggestion.claim({ clientKeys: [] }), "BAD_REQUEST");
  });

  it.skipIf(!available)("previews Markdown through the page's renderer and caps its size", async () => {
    const { html } = await callerAs(t.db, null).suggestion.preview({ markdown: "**bold** <script>alert(1)</script>" });
    expect(html).not.toContain("<script>");
    await rejects(callerAs(t.db, null).suggestion.preview({ markdown: "x".repeat(LIMITS.body + 1) }), "BAD_REQUEST", /too long/);
  });
});
