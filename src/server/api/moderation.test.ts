import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, questionRevisions, suggestions, type Locale } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import { getTranslationStatus } from "../services/translations";
import { callerAs, createUser, FIXTURE, key, published, seedFixture } from "../services/moderation-testing";
import { failure } from "../services/trpc-testing";
import type { SessionUser } from "./trpc";

const drivers = await testDrivers();

describe.each(drivers)("moderation on $driver", ({ available, create }) => {
  let t: TestDb;
  let mod: SessionUser;
  let mod2: SessionUser;
  let author: SessionUser;
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    await seedFixture(t.db);
    mod = await createUser(t.db, "moderator", "Mia Moderator");
    mod2 = await createUser(t.db, "admin", "Ada Admin");
    author = await createUser(t.db, "contributor", "Olena");
  });
  afterAll(async () => t?.close());

  async function suggest(slug: string, locale: Locale, changes: Record<string, unknown>, baseRevisionId?: number, note?: string) {
    const base = baseRevisionId ?? (await published(t.db, slug, locale)).id;
    const r = await callerAs(t.db, author).suggestion.submit({ questionSlug: slug, locale, baseRevisionId: base, changes, clientKey: key(), note });
    return r.suggestion.id;
  }
  const slug = FIXTURE.followUp.slug;

  it.skipIf(!available)("approve publishes a new revision in one go: number, published flag, status, audit", async () => {
    const before = await published(t.db, slug, "en");
    const id = await suggest(slug, "en", { title: "Overlay or bridge: which one?" });
    const res = await callerAs(t.db, mod).moderation.approve({ id });
    expect(res).toMatchObject({ suggestionId: id, number: before.number + 1, edited: false, changed: ["title"] });
    const now = await published(t.db, slug, "en");
    expect(now).toMatchObject({ id: res.revisionId, title: "Overlay or bridge: which one?", body: before.body, source: "suggestion", authorName: "Olena", authorId: author.id, basedOnRevisionId: before.id });
    const all = await t.db.select().from(questionRevisions).where(and(eq(questionRevisions.questionId, before.questionId), eq(questionRevisions.locale, "en")));
    expect(all.filter((r) => r.isPublished).map((r) => r.id)).toEqual([res.revisionId]);
    const [s] = await t.db.select().from(suggestions).where(eq(suggestions.id, id));
    expect(s).toMatchObject({ status: "approved", decidedById: mod.id, publishedRevisionId: res.revisionId, editedById: null });
    const audit = await callerAs(t.db, mod).moderation.audit({ limit: 5 });
    expect(audit.items[0]).toMatchObject({ action: "approve", actorId: mod.id, actorName: "Mia Moderator", suggestionId: id, revisionId: res.revisionId, locale: "en", questionSlug: slug });
    // With the question's title and the revision's number, for links; filtered by moderator and action.
    expect(audit.items[0]).toMatchObject({ questionTitle: "Overlay or bridge: which one?", revisionNumber: (await published(t.db, slug, "en")).number });
    expect(audit.actors).toContainEqual({ id: mod.id, name: "Mia Moderator" });
    const byMod2 = await callerAs(t.db, mod).moderation.audit({ limit: 50, actorId: mod2.id });
    expect(byMod2.items.every((i) => i.actorId === mod2.id)).toBe(true);
    expect((await callerAs(t.db, mod).moderation.audit({ limit: 50, action: "reject" })).items.every((i) => i.action === "reject")).toBe(true);
    expect((await callerAs(t.db, mod).moderation.audit({ limit: 50, action: "approve", actorId: mod.id })).items[0].id).toBe(audit.items[0].id);
    expect((await failure(callerAs(t.db, mod).moderation.audit({ limit: 5, action: "delete" as "approve" }))).code).toBe("BAD_REQUEST");
    // The contributor sees it as approved.
    expect((await callerAs(t.db, author).suggestion.get({ id })).status).toBe("approved");
  });

  it.skipIf(!available)("reject records the canned reason and free text the contributor sees; deciding twice is a conflict", async () => {
    const id = await suggest(slug, "en", { shortAnswer: "Nope." });
    await callerAs(t.db, mod).moderation.reject({ id, reasonCode: "inaccurate", reasonText: "Bridge is single-host; overlay is multi-host." });
    const seen = await callerAs(t.db, author).suggestion.get({ id });
    expect(seen).toMatchObject({ status: "rejected", reason: { code: "inaccurate", text: "Bridge is single-host; overlay is multi-host." } });
    const again = await failure(callerAs(t.db, mod2).moderation.approve({ id }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe(`Suggestion #${id} was already rejected by Mia Moderator; nothing was changed.`);
    const other = await failure(callerAs(t.db, mod).moderation.reject({ id: id + 10_000, reasonCode: "spam" }));
    expect(other.code).toBe("NOT_FOUND");
    const noText = await failure(callerAs(t.db, mod).moderation.reject({ id, reasonCode: "other" }));
    expect(noText.code).toBe("BAD_REQUEST");
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.suggestionId, id), eq(auditLog.action, "reject")));
    expect(entry.details).toEqual({ reasonCode: "inaccurate", reasonText: "Bridge is single-host; overlay is multi-host." });
  });

  it.skipIf(!available)("the rendered view comes block by block, changed blocks marked and rendered safely", async () => {
    const base = await published(t.db, slug, "en");
    const id = await suggest(slug, "en", { body: `${base.body.trimEnd()}\n\n## Encryption\n\nUse **--opt encrypted**. <script>alert(1)</script>\n` });
    const review = await callerAs(t.db, mod).moderation.get({ id });
    const rows = review.renderedBlocks.body;
    expect(review.renderedBlocks.shortAnswer).toEqual([]);
    const changed = rows.filter((r) => r.kind === "change");
    expect(changed).toHaveLength(1);
    expect(changed[0].after.join("")).toContain("<strong>--opt encrypted</strong>");
    expect(changed[0].after.join("")).not.toContain("<script");
    expect(rows.filter((r) => r.kind === "equal").length).toBeGreaterThan(0);
    await callerAs(t.db, mod).moderation.reject({ id, reasonCode: "duplicate" });
  });

  it.skipIf(!available)("a resubmission reaches the moderator with the earlier reason, its note and the interdiff", async () => {
    const id = await suggest(slug, "en", { shortAnswer: "Overlay spans hosts." }, undefined, "Source: docs.docker.com");
    await callerAs(t.db, mod).moderation.reject({ id, reasonCode: "unclear", reasonText: "Say how: VXLAN." });
    const base = await published(t.db, slug, "en");
    const again = await callerAs(t.db, author).suggestion.resubmit({
      suggestionId: id,
      baseRevisionId: base.id,
      changes: { shortAnswer: "Overlay spans hosts over VXLAN." },
      clientKey: key(),
    });
    const review = await callerAs(t.db, mod).moderation.get({ id: again.suggestion.id });
    // The original note is kept when the author writes no new one.
    expect(review.suggestion.note).toBe("Source: docs.docker.com");
    expect(review.previous).toMatchObject({ id, reason: { code: "unclear", text: "Say how: VXLAN." }, decidedByName: "Mia Moderator", note: "Source: docs.docker.com" });
    expect(review.previous?.interdiff.map((d) => [d.field, d.before, d.after])).toEqual([["shortAnswer", "Overlay spans hosts.", "Overlay spans hosts over VXLAN."]]);
    // A suggestion sent the first time has no such context.
    expect((await callerAs(t.db, mod).moderation.get({ id })).previous).toBeNull();
    await callerAs(t.db, mod).moderation.reject({ id: again.suggestion.id, reasonCode: "duplicate" });
  });

  it.skipIf(!available)("edit-then-approve publishes the moderator's text and records the moderator as editor", async () => {
    const id = await suggest(slug, "en", { body: "Bridge: one host. Overlay: many hosts, via VXLAN." });
    const res = await callerAs(t.db, mod).moderation.approve({ id, edits: { body: "Bridge: one host. Overlay: many hosts, over VXLAN (UDP 4789)." } });
    expect(res.edited).toBe(true);
    const now = await published(t.db, slug, "en");
    expect(now).toMatchObject({ body: "Bridge: one host. Overlay: many hosts, over VXLAN (UDP 4789).", source: "moderator", authorName: "Olena" });
    const [s] = await t.db.select().from(suggestions).where(eq(suggestions.id, id));
    expect(s.editedById).toBe(mod.id);
    const history = await callerAs(t.db, null).revision.history({ questionSlug: slug, locale: "en", limit: 10 });
    expect(history.items[0]).toMatchObject({
      number: now.number,
      editedByName: "Mia Moderator",
      // The contributor keeps the credit for the suggestion the moderator edited.
      suggestedByName: "Olena",
      approvedByName: "Mia Moderator",
      suggestionId: id,
      changedFields: ["body"],
    });
    // And sees that it was published after a moderator's edit.
    expect(await callerAs(t.db, author).suggestion.get({ id })).toMatchObject({ status: "approved", editedByModerator: true });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.suggestionId, id));
    expect(entry).toMatchObject({ action: "edit_approve", actorId: mod.id });
  });

  it.skipIf(!available)("merges a suggestion based on an older revision when its fields were not changed since", async () => {
    const base = await published(t.db, slug, "en");
    const first = await suggest(slug, "en", { title: "Title from the first suggestion" }, base.id);
    const second = await suggest(slug, "en", { shortAnswer: "Short answer from the second." }, base.id);
    await callerAs(t.db, mod).moderation.approve({ id: first });
    const view = await callerAs(t.db, mod).moderation.get({ id: second });
    expect(view.outdated).toBe(true);
    expect(view.conflicts).toEqual([]);
    expect(view.fields.map((f) => [f.field, f.state])).toEqual([["shortAnswer", "clean"]]);
    await callerAs(t.db, mod).moderation.approve({ id: second });
    const now = await published(t.db, slug, "en");
    expect(now).toMatchObject({ title: "Title from the first suggestion", shortAnswer: "Short answer from the second." });
  });

  it.skipIf(!available)("merges two suggestions on one revision that change different paragraphs, line by line", async () => {
    const paragraphs = "Overlay spans hosts.\n\nVXLAN carries the frames.\n\nSwarm manages the keys.\n";
    await callerAs(t.db, mod).moderation.approve({ id: await suggest(slug, "en", { body: paragraphs }) });
    const base = await published(t.db, slug, "en");
    const first = await suggest(slug, "en", { body: paragraphs.replace("VXLAN carries the frames.", "VXLAN carries the frames over UDP 4789.") }, base.id);
    const second = await suggest(slug, "en", { body: paragraphs.replace("Swarm manages the keys.", "Swarm managers rotate the keys.") }, base.id);
    await callerAs(t.db, mod).moderation.approve({ id: first });

    const view = await callerAs(t.db, mod).moderation.get({ id: second });
    const merged = "Overlay spans hosts.\n\nVXLAN carries the frames over UDP 4789.\n\nSwarm managers rotate the keys.\n";
    expect(view.conflicts).toEqual([]);
    expect(view.fields.map((f) => [f.field, f.state])).toEqual([["body", "merged"]]);
    // What approving publishes, shown before it is published: the merged text, as a diff against the published one.
    expect(view.merged.body).toBe(merged);
    const body = view.fields[0];
    expect(body.publish.ops.filter((o) => o.op !== "equal")).toEqual([
      { op: "delete", text: "Swarm manages the keys.\n" },
      { op: "insert", text: "Swarm managers rotate the keys.\n" },
    ]);
    expect(view.rendered.merged.body).toContain("over UDP 4789");
    expect(view.rendered.merged.body).toContain("Swarm managers rotate the keys.");

    const res = await callerAs(t.db, mod).moderation.approve({ id: second });
    expect(await published(t.db, slug, "en")).toMatchObject({ id: res.revisionId, body: merged, source: "suggestion" });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.suggestionId, second));
    expect(entry.details).toMatchObject({ merged: true, lineMerged: ["body"] });
  });

  it.skipIf(!available)("flags a conflict with a three-way view, and the moderator resolves it by editing", async () => {
    const base = await published(t.db, slug, "en");
    const a = await suggest(slug, "en", { body: "Body A", title: "Title A" }, base.id);
    const b = await suggest(slug, "en", { body: "Body B", shortAnswer: "Short B" }, base.id, "I rewrote the body");
    await callerAs(t.db, mod).moderation.approve({ id: a });

    const view = await callerAs(t.db, mod).moderation.get({ id: b });
    expect(view.conflicts).toEqual(["body"]);
    expect(view.suggestion.note).toBe("I rewrote the body");
    const body = view.fields.find((f) => f.field === "body")!;
    expect(body.state).toBe("conflict");
    expect([view.base.body, view.current.body, view.proposed.body]).toEqual([base.body, "Body A", "Body B"]);
    expect(body.sinceBase.after).toBe("Body A");
    expect(body.proposal.after).toBe("Body B");

    const refused = await failure(callerAs(t.db, mod).moderation.approve({ id: b }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/answer changed since this suggestion was written/);
    // The failed approval changed nothing: still pending, still the same published revision.
    const [still] = await t.db.select().from(suggestions).where(eq(suggestions.id, b));
    expect(still.status).toBe("pending");
    expect((await published(t.db, slug, "en")).body).toBe("Body A");

    await callerAs(t.db, mod).moderation.approve({ id: b, edits: { body: "Body A and B" } });
    expect(await published(t.db, slug, "en")).toMatchObject({ body: "Body A and B", shortAnswer: "Short B", title: "Title A", source: "moderator" });
  });

  it.skipIf(!available)("refuses to publish a suggestion whose changes are already published", async () => {
    const base = await published(t.db, slug, "en");
    const a = await suggest(slug, "en", { title: "Same idea" }, base.id);
    const b = await suggest(slug, "en", { title: "Same idea" }, base.id);
    await callerAs(t.db, mod).moderation.approve({ id: a });
    const e = await failure(callerAs(t.db, mod).moderation.approve({ id: b }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/Nothing left to publish/);
  });

  it.skipIf(!available)("two moderators approving the same suggestion at once: exactly one wins", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await suggest(slug, "uk", { body: `Тіло ${round} 🚀` });
      const results = await Promise.allSettled([
        callerAs(t.db, mod).moderation.approve({ id }),
        callerAs(t.db, mod2).moderation.approve({ id }),
        callerAs(t.db, mod2).moderation.reject({ id, reasonCode: "duplicate" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.map((r) => (r.reason as TRPCError).code)).toEqual(["CONFLICT", "CONFLICT"]);
      expect((lost[0].reason as TRPCError).message).toMatch(new RegExp(`^Suggestion #${id} was already (approved|rejected) by `));
      const entries = await t.db.select().from(auditLog).where(eq(auditLog.suggestionId, id));
      expect(entries).toHaveLength(1);
    }
    // Still exactly one published revision per locale, numbers without gaps or duplicates.
    const q = await published(t.db, slug, "uk");
    const all = await t.db.select().from(questionRevisions).where(and(eq(questionRevisions.questionId, q.questionId), eq(questionRevisions.locale, "uk")));
    expect(all.filter((r) => r.isPublished)).toHaveLength(1);
    expect(all.map((r) => r.number).sort((x, y) => x - y)).toEqual(all.map((_, i) => i + 1));
  });

  it.skipIf(!available)("approving different suggestions of one question at once gives consecutive revision numbers", async () => {
    const fields = ["title", "shortAnswer", "body"] as const;
    const ids = await Promise.all(fields.map((f, i) => suggest(FIXTURE.main.slug, "uk", { [f]: `Паралельно ${i}` })));
    const before = await published(t.db, FIXTURE.main.slug, "uk");
    const res = await Promise.all(ids.map((id, i) => callerAs(t.db, i % 2 ? mod : mod2).moderation.approve({ id })));
    expect(res.map((r) => r.number).sort()).toEqual([before.number + 1, before.number + 2, before.number + 3]);
    expect(await published(t.db, FIXTURE.main.slug, "uk")).toMatchObject({ title: "Паралельно 0", shortAnswer: "Паралельно 1", body: "Паралельно 2" });
  });

  it.skipIf(!available)("marks the other locale's changed fields as needing an update, and clears them when it is updated", async () => {
    const q = await published(t.db, FIXTURE.main.slug, "en");
    const ukBefore = await getTranslationStatus(t.db, q.questionId, "uk");
    const enBefore = await getTranslationStatus(t.db, q.questionId, "en");
    const oldEnBody = q.body;
    // (The UK text changed in the previous test; EN is stale there, not UK.)
    expect(ukBefore.fields.map((f) => f.field)).toEqual([]);
    expect(enBefore.fields.map((f) => f.field).sort()).toEqual(["body", "shortAnswer", "title"]);

    await callerAs(t.db, mod).moderation.approve({ id: await suggest(FIXTURE.main.slug, "en", { body: oldEnBody + "\nEncrypted overlays use IPsec ESP.\n" }) });
    const uk = await getTranslationStatus(t.db, q.questionId, "uk");
    expect(uk).toMatchObject({ locale: "uk", sourceLocale: "en", stale: true });
    expect(uk.fields.map((f) => f.field)).toEqual(["body"]);
    expect(uk.fields[0].ops.filter((o) => o.op !== "equal")).toEqual([{ op: "insert", text: "\nEncrypted overlays use IPsec ESP.\n" }]);
    // Publishing EN's body cleared EN's body mark, but not its title and short answer.
    const en = await getTranslationStatus(t.db, q.questionId, "en");
    expect(en.fields.map((f) => f.field).sort()).toEqual(["shortAnswer", "title"]);

    // Updating the UK body clears the UK mark; the public procedure says the same.
    await callerAs(t.db, mod).moderation.approve({ id: await suggest(FIXTURE.main.slug, "uk", { body: "Оновлене тіло з IPsec ESP." }) });
    const after = await callerAs(t.db, null).revision.translationStatus({ questionSlug: FIXTURE.main.slug, locale: "uk" });
    expect(after).toMatchObject({ stale: false, fields: [] });
    const enAfter = await getTranslationStatus(t.db, q.questionId, "en");
    expect(enAfter.fields.map((f) => f.field).sort()).toEqual(["body", "shortAnswer", "title"]);
  });

  it.skipIf(!available)("rollback publishes a new revision copying an old one, audited; history shows diffs", async () => {
    const s = FIXTURE.followUp.slug;
    const h = await callerAs(t.db, null).revision.history({ questionSlug: s, locale: "en", limit: 50 });
    const first = h.items[h.items.length - 1];
    expect(first.number).toBe(1);
    const current = await published(t.db, s, "en");
    const res = await callerAs(t.db, mod).revision.rollback({ revisionId: first.id, expectedCurrentRevisionId: current.id, reason: "  The last edit broke the table.  " });
    // The history says which revision was restored and why; so does the audit log.
    const after = await callerAs(t.db, null).revision.history({ questionSlug: s, locale: "en", limit: 50 });
    expect(after.items[0]).toMatchObject({ number: res.number, source: "rollback", restoredNumber: 1, rollbackReason: "The last edit broke the table." });
    expect(res.number).toBe(current.number + 1);
    expect(await published(t.db, s, "en")).toMatchObject({ ...FIXTURE.followUp.en, source: "rollback", basedOnRevisionId: first.id, authorId: mod.id });
    const cmp = await callerAs(t.db, null).revision.compare({ fromRevisionId: current.id, toRevisionId: res.revisionId });
    expect(cmp.fields.map((f) => f.field).sort()).toEqual(["body", "shortAnswer", "title"]);
    expect(cmp.fields.find((f) => f.field === "title")!.after).toBe(FIXTURE.followUp.en.title);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.revisionId, res.revisionId));
    expect(entry).toMatchObject({ action: "rollback", actorId: mod.id, details: { toRevisionNumber: 1, reason: "The last edit broke the table." } });
    expect((await failure(callerAs(t.db, mod).revision.rollback({ revisionId: first.id, reason: "x".repeat(501) }))).code).toBe("BAD_REQUEST");
    // A stale guard and a no-op rollback are refused.
    expect((await failure(callerAs(t.db, mod).revision.rollback({ revisionId: first.id, expectedCurrentRevisionId: current.id }))).code).toBe("CONFLICT");
    expect((await failure(callerAs(t.db, mod).revision.rollback({ revisionId: first.id }))).code).toBe("BAD_REQUEST");
    expect((await failure(callerAs(t.db, mod).revision.compare({ fromRevisionId: first.id, toRevisionId: (await published(t.db, s, "uk")).id }))).code).toBe("BAD_REQUEST");
  });

  it.skipIf(!available)("the queue lists pending suggestions oldest first with keyset pages, filters and counts", async () => {
    await t.db.update(suggestions).set({ status: "rejected", reasonCode: "spam" }).where(eq(suggestions.status, "pending"));
    const u2 = await createUser(t.db, "contributor");
    const ids: number[] = [];
    for (const [i, [s, l]] of ([[slug, "en"], [slug, "uk"], [FIXTURE.main.slug, "en"], [slug, "en"], [FIXTURE.main.slug, "uk"]] as const).entries()) {
      const base = (await published(t.db, s, l)).id;
      const r = await callerAs(t.db, i % 2 ? author : u2).suggestion.submit({ questionSlug: s, locale: l, baseRevisionId: base, changes: { title: `Queued ${i}` }, clientKey: key(), note: i === 0 ? "n" : undefined });
      ids.push(r.suggestion.id);
    }
    const c = callerAs(t.db, mod);
    const p1 = await c.moderation.queue({ limit: 2 });
    expect(p1.items.map((i) => i.id)).toEqual(ids.slice(0, 2));
    expect(p1.items[0]).toMatchObject({ questionSlug: slug, locale: "en", changedFields: ["title"], hasNote: true, outdated: false });
    const p2 = await c.moderation.queue({ limit: 2, cursor: p1.nextCursor! });
    const p3 = await c.moderation.queue({ limit: 2, cursor: p2.nextCursor! });
    expect([...p2.items, ...p3.items].map((i) => i.id)).toEqual(ids.slice(2));
    expect(p3.nextCursor).toBeNull();
    expect(p1.counts).toEqual({
      total: 5,
      byLocale: { en: 3, uk: 2 },
      byQuestion: [
        { questionSlug: slug, en: 2, uk: 1, total: 3 },
        { questionSlug: FIXTURE.main.slug, en: 1, uk: 1, total: 2 },
      ],
    });
    const filtered = await c.moderation.queue({ limit: 10, questionSlug: slug, locale: "en" });
    expect(filtered.items.map((i) => i.id)).toEqual([ids[0], ids[3]]);
  });

  it.skipIf(!available)("needs a second moderator to approve a moderator's own suggestion; a lone moderator may, and the audit log says so", async () => {
    const base = await published(t.db, FIXTURE.followUp.slug, "en");
    const own = await callerAs(t.db, mod).suggestion.submit({
      questionSlug: FIXTURE.followUp.slug, locale: "en", baseRevisionId: base.id, changes: { shortAnswer: "Mine, by a moderator." }, clientKey: key(),
    });
    const refused = await failure(callerAs(t.db, mod).moderation.approve({ id: own.suggestion.id }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toBe("You wrote this suggestion, so another moderator has to approve it. You can still reject (withdraw) it.");
    const [still] = await t.db.select().from(suggestions).where(eq(suggestions.id, own.suggestion.id));
    expect(still.status).toBe("pending");
    const ok = await callerAs(t.db, mod2).moderation.approve({ id: own.suggestion.id });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.revisionId, ok.revisionId));
    expect(entry.actorId).toBe(mod2.id);
    expect(entry.details).not.toHaveProperty("selfApproved");

    const lone = await create({ seed: false });
    try {
      await seedFixture(lone.db);
      const only = await createUser(lone.db, "moderator", "Only One");
      const b = await published(lone.db, FIXTURE.followUp.slug, "en");
      const mine = await callerAs(lone.db, only).suggestion.submit({
        questionSlug: FIXTURE.followUp.slug, locale: "en", baseRevisionId: b.id, changes: { shortAnswer: "Alone." }, clientKey: key(),
      });
      const done = await callerAs(lone.db, only).moderation.approve({ id: mine.suggestion.id });
      const [logged] = await lone.db.select().from(auditLog).where(eq(auditLog.revisionId, done.revisionId));
      expect(logged.details).toMatchObject({ selfApproved: true, reason: "the only moderator" });
    } finally {
      await lone.close();
    }
  });
  it.skipIf(!available)("shows beside a suggestion the other translation's published text of its fields, and only to moderators", async () => {
    const uk = await suggest(slug, "uk", { title: "Overlay чи bridge: що обрати?" });
    const en = await published(t.db, slug, "en");
    const review = await callerAs(t.db, mod).moderation.get({ id: uk });
    expect(review.source).toEqual({ locale: "en", number: en.number, title: en.title, shortAnswer: en.shortAnswer, body: en.body });
    const enId = await suggest(slug, "en", { shortAnswer: "Bridge: one host. Overlay: many." });
    const ukNow = await published(t.db, slug, "uk");
    expect((await callerAs(t.db, mod).moderation.get({ id: enId })).source).toMatchObject({ locale: "uk", number: ukNow.number, shortAnswer: ukNow.shortAnswer });
    expect((await failure(callerAs(t.db, author).moderation.get({ id: uk }))).code).toBe("FORBIDDEN");
  });
});
