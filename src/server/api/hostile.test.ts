/**
 * Hostile input through the real router stack: each payload is either refused with a clear message
 * or stored exactly as typed and rendered inert — and nothing else in the submission is lost.
 */
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestions } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import { callerAs, createUser, FIXTURE, key, published, seedFixture } from "../services/moderation-testing";
import type { SessionUser } from "./trpc";

const drivers = await testDrivers();

const XSS = [
  "<script>alert('x')</script>",
  '<img src=x onerror="alert(1)">',
  "[click](javascript:alert(1))",
  '<iframe src="https://evil.example"></iframe>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="jAvAsCrIpT:alert(1)">x</a>',
];
const SQL = ["'; DROP TABLE suggestions; --", "\" OR 1=1 --", "\\'; select pg_sleep(5); --", "$1 $$ E'\\x00' ::text"];
const UNICODE = [
  "Оверлей-мережа: ґ, є, ї, ʼ — «лапки»",
  "emoji 🐳🚀 and ZWJ family 👩‍👩‍👧 and flag 🇺🇦",
  "RTL: שלום עולם ‏mark‎ and override \u202Egnp.exe",
  "zero\u200Bwidth\u200Cnon\u200Djoiner\uFEFF",
  "combining: e\u0301 vs é",
];
/** The live parts of rendered HTML: dangerous tags, event handlers, javascript: URLs (escaped text is fine). */
function liveParts(html: string): string[] {
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  return tags.filter(
    (tag) =>
      /^<(script|iframe|object|embed|svg|math|style|link|meta|base|form)\b/i.test(tag) ||
      /\son[a-z]+\s*=/i.test(tag) ||
      /(href|src|action|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data):/i.test(tag),
  );
}

describe.each(drivers)("hostile input on $driver", ({ available, create }) => {
  let t: TestDb;
  let mod: SessionUser;
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    await seedFixture(t.db);
    mod = await createUser(t.db, "moderator");
  });
  afterAll(async () => t?.close());

  const slug = FIXTURE.main.slug;
  async function submitAs(locale: "en" | "uk", changes: Record<string, string>, note?: string) {
    const base = await published(t.db, slug, locale);
    return callerAs(t.db, null).suggestion.submit({ questionSlug: slug, locale, baseRevisionId: base.id, changes, note, clientKey: key() });
  }

  it.skipIf(!available)("stores XSS payloads in every text field verbatim, and every rendering of them is inert", async () => {
    for (const payload of XSS) {
      const sent = await submitAs("en", { title: `T ${payload}`, shortAnswer: `S ${payload}`, body: `B ${payload}` }, `N ${payload}`);
      const [row] = await t.db.select().from(suggestions).where(eq(suggestions.id, sent.suggestion.id));
      expect([row.title, row.shortAnswer, row.body, row.note]).toEqual([`T ${payload}`, `S ${payload}`, `B ${payload}`, `N ${payload}`]);
      const view = await callerAs(t.db, mod).moderation.get({ id: row.id });
      expect(liveParts(view.rendered.merged.body)).toEqual([]);
      expect(liveParts(view.rendered.merged.shortAnswer)).toEqual([]);
      const { html } = await callerAs(t.db, null).suggestion.preview({ markdown: payload });
      expect(liveParts(html)).toEqual([]);
      await callerAs(t.db, mod).moderation.reject({ id: row.id, reasonCode: "spam", reasonText: `R ${payload}` });
      const seen = await callerAs(t.db, null).suggestion.get({ id: row.id, clientKey: row.clientKey });
      expect(seen.reason).toEqual({ code: "spam", text: `R ${payload}` });
    }
  });

  it("the inertness check does see live HTML", () => {
    expect(liveParts('<p><img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a><script>1</script></p>')).toHaveLength(3);
    expect(liveParts("<p>&lt;script&gt; onerror=1 javascript:x</p>")).toEqual([]);
  });

  it.skipIf(!available)("treats SQL metacharacters as text", async () => {
    for (const payload of SQL) {
      const sent = await submitAs("uk", { title: payload, body: `SQL ${payload}` });
      expect(sent.suggestion.changes).toEqual({ title: payload, body: `SQL ${payload}` });
      await callerAs(t.db, mod).moderation.reject({ id: sent.suggestion.id, reasonCode: "spam" });
    }
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(suggestions);
    expect(n).toBeGreaterThan(0);
  });

  it.skipIf(!available)("keeps Cyrillic, emoji, RTL and zero-width characters exactly, through approval to the published text", async () => {
    const text = UNICODE.join("\n");
    const sent = await submitAs("uk", { title: UNICODE[1], shortAnswer: UNICODE[0], body: text }, UNICODE[2]);
    await callerAs(t.db, mod).moderation.approve({ id: sent.suggestion.id });
    const now = await published(t.db, slug, "uk");
    expect([now.title, now.shortAnswer, now.body]).toEqual([UNICODE[1], UNICODE[0], text]);
    const page = await callerAs(t.db, null).question.bySlug({ slug, locale: "uk" });
    expect(page.body).toBe(text);
  });

  it.skipIf(!available)("refuses NUL and other control characters with the field named, storing nothing; the corrected form goes through whole", async () => {
    const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(suggestions))[0].n;
    const before = await count();
    const changes = { title: "Good title", shortAnswer: "Good short", body: "Body with a NUL\u0000 inside" };
    const e = await submitAs("en", changes, "note").then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(TRPCError);
    expect((e as TRPCError).code).toBe("BAD_REQUEST");
    expect((e as TRPCError).message).toMatch(/Answer contains a NUL character/);
    const bell = await submitAs("en", { title: "Bell \u0007" }).catch((x: TRPCError) => x);
    expect((bell as TRPCError).message).toMatch(/Title contains a control character/);
    expect(await count()).toBe(before);
    const fixed = await submitAs("en", { ...changes, body: "Body without it, tab\tkept" }, "note");
    expect(fixed.suggestion.changes).toEqual({ title: "Good title", shortAnswer: "Good short", body: "Body without it, tab\tkept" });
  });

  it.skipIf(!available)("refuses Markdown nested too deeply at submit time, with the field and the limit named, storing nothing", async () => {
    const e = await submitAs("en", { body: "> ".repeat(3_000) + "x" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TRPCError);
    expect((e as TRPCError).code).toBe("BAD_REQUEST");
    expect((e as TRPCError).message).toMatch(/Answer nests block quotes and lists 3000 levels deep \(line 1\); at most 8/);
    const slow = await callerAs(t.db, null).suggestion.preview({ markdown: "**_".repeat(20_000) }).catch((x: unknown) => x);
    expect((slow as TRPCError).code).toBe("BAD_REQUEST");
    expect((slow as TRPCError).message).toMatch(/emphasis markers/);
  });

  it.skipIf(!available)("a moderator can still review content already stored that would crash the renderer", async () => {
    const sent = await submitAs("en", { body: "fine" });
    const hostile = "> ".repeat(3_000) + "x";
    await t.db.update(suggestions).set({ body: hostile }).where(eq(suggestions.id, sent.suggestion.id));
    const view = await callerAs(t.db, mod).moderation.get({ id: sent.suggestion.id });
    expect(view.rendered.merged.body).toContain('<p class="md-plain">&gt; &gt; ');
    await callerAs(t.db, mod).moderation.reject({ id: sent.suggestion.id, reasonCode: "spam" });
  });

  it.skipIf(!available)("normalises CR LF line endings and keeps everything else", async () => {
    const sent = await submitAs("en", { body: "line one\r\nline two\rline three\n" });
    expect(sent.suggestion.changes.body).toBe("line one\nline two\nline three\n");
  });
});
