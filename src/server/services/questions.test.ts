import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDrivers, type TestDb } from "../db/testing";
import { loadSeedQuestions } from "../content/load";
import { getQuestion, listQuestions } from "./questions";

const drivers = await testDrivers();
const seed = loadSeedQuestions();
const main = seed.find((q) => q.parent === null)!;

// What each driver returns, to compare the two at the end.
const seen: Record<string, unknown> = {};

describe.each(drivers)("question queries on $driver", ({ driver, available, create }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (available) t = await create();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.runIf(available)("lists every seeded question, main first, with its parent", async () => {
    for (const locale of ["en", "uk"] as const) {
      const list = await listQuestions(t.db, locale);
      expect(list.map((q) => q.slug)).toEqual(
        [...seed].sort((a, b) => a.position - b.position).map((q) => q.slug),
      );
      expect(list[0]).toMatchObject({ slug: main.slug, parentSlug: null, title: main.locales[locale].title });
      expect(list.slice(1).every((q) => q.parentSlug === main.slug)).toBe(true);
      seen[`${driver}:list:${locale}`] = list;
    }
  });

  it.runIf(available)("returns the published page with follow-ups and parent, per locale", async () => {
    const en = await getQuestion(t.db, main.slug, "en");
    const uk = await getQuestion(t.db, main.slug, "uk");
    expect(en).toMatchObject({ title: main.locales.en.title, shortAnswer: main.locales.en.shortAnswer, body: main.locales.en.body });
    expect(uk).toMatchObject({ title: main.locales.uk.title, body: main.locales.uk.body });
    expect(en!.revision).toMatchObject({ number: 1, authorName: "Overlay Lab" });
    expect(en!.followUps.map((f) => f.slug)).toEqual(seed.filter((q) => q.parent === main.slug).map((q) => q.slug));
    expect(en!.parent).toBeNull();

    const child = seed.find((q) => q.parent === main.slug)!;
    const childPage = await getQuestion(t.db, child.slug, "uk");
    expect(childPage!.parent).toEqual({ slug: main.slug, title: main.locales.uk.title });
    expect(childPage!.followUps).toEqual([]);
    // Ids and times are the database's own (each driver seeds at its own moment).
    seen[`${driver}:page`] = { ...en, id: undefined, createdAt: undefined, revision: { ...en!.revision, id: undefined, createdAt: undefined } };
  });

  it.runIf(available)("returns null for an unknown slug", async () => {
    expect(await getQuestion(t.db, "no-such-question", "en")).toBeNull();
  });

  it.runIf(available)("returns null for an address that cannot be a slug, without asking the database", async () => {
    // Found by the HTTP fuzz: /uk/q/%00 (and its share image, its suggest page) reached PostgreSQL with a
    // NUL, which it refuses ("invalid byte sequence"): a 500.
    for (const slug of ["\u0000", "a\u0000b", "%E0", "Upper-Case", "a".repeat(121), "", "../x"]) {
      expect(await getQuestion(t.db, slug, "uk"), JSON.stringify(slug)).toBeNull();
    }
  });
});

describe("both drivers", () => {
  it.runIf(drivers.every((d) => d.available))("return the same results", () => {
    expect(seen["postgres:list:en"]).toEqual(seen["pglite:list:en"]);
    expect(seen["postgres:list:uk"]).toEqual(seen["pglite:list:uk"]);
    expect(seen["postgres:page"]).toEqual(seen["pglite:page"]);
  });
});
