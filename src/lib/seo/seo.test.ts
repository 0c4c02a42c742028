import { describe, expect, it } from "vitest";
import { ANSWER_TEXT_MAX, jsonLdScript, questionJsonLd } from "./json-ld";
import { webManifest } from "./manifest";
import { languageAlternates, pageMetadata } from "./metadata";
import { DISALLOWED, robotsRules, sitemapEntries, type PublishedPage } from "./sitemap";

const ORIGIN = "https://overlay.example";
const d = (s: string) => new Date(`${s}T10:00:00Z`);

describe("sitemap", () => {
  const pages: PublishedPage[] = [
    { slug: "docker-overlay-network", locale: "en", updatedAt: d("2026-11-01") },
    { slug: "docker-overlay-network", locale: "uk", updatedAt: d("2026-11-03") },
    { slug: "overlay-vs-bridge", locale: "en", updatedAt: d("2026-11-05") },
    { slug: "overlay-vs-bridge", locale: "uk", updatedAt: d("2026-10-01") },
    // Published in one language only: no alternate pointing at a page that does not exist.
    { slug: "only-english", locale: "en", updatedAt: d("2026-09-01") },
  ];
  const entries = sitemapEntries(ORIGIN, pages);
  const byUrl = new Map(entries.map((e) => [e.url, e]));

  it("lists every question page in every locale it is published in, dated by its published revision", () => {
    expect(byUrl.get(`${ORIGIN}/en/q/docker-overlay-network`)?.lastModified).toEqual(d("2026-11-01"));
    expect(byUrl.get(`${ORIGIN}/uk/q/docker-overlay-network`)?.lastModified).toEqual(d("2026-11-03"));
    expect(byUrl.get(`${ORIGIN}/en/q/overlay-vs-bridge`)?.lastModified).toEqual(d("2026-11-05"));
    expect(byUrl.get(`${ORIGIN}/uk/q/overlay-vs-bridge`)?.lastModified).toEqual(d("2026-10-01"));
    expect(byUrl.has(`${ORIGIN}/uk/q/only-english`)).toBe(false);
    expect(entries.filter((e) => e.url.includes("/q/"))).toHaveLength(5);
  });

  it("gives each question page its other language (and x-default) as absolute alternates", () => {
    for (const locale of ["en", "uk"]) {
      expect(byUrl.get(`${ORIGIN}/${locale}/q/overlay-vs-bridge`)?.alternates?.languages).toEqual({
        en: `${ORIGIN}/en/q/overlay-vs-bridge`,
        uk: `${ORIGIN}/uk/q/overlay-vs-bridge`,
        "x-default": `${ORIGIN}/en/q/overlay-vs-bridge`,
      });
    }
    expect(byUrl.get(`${ORIGIN}/en/q/only-english`)?.alternates?.languages).toEqual({
      en: `${ORIGIN}/en/q/only-english`,
      "x-default": `${ORIGIN}/en/q/only-english`,
    });
  });

  it("dates each home by the newest page of its language, and lists the lab", () => {
    expect(byUrl.get(`${ORIGIN}/en`)?.lastModified).toEqual(d("2026-11-05"));
    expect(byUrl.get(`${ORIGIN}/uk`)?.lastModified).toEqual(d("2026-11-03"));
    expect(byUrl.get(`${ORIGIN}/uk/lab`)?.alternates?.languages?.en).toBe(`${ORIGIN}/en/lab`);
  });

  it("lists nothing private", () => {
    for (const e of entries) expect(e.url).not.toMatch(/moderation|account|signin|suggest|\/api\//);
  });
});

describe("robots.txt", () => {
  const robots = robotsRules(ORIGIN);
  it("points to the sitemap at the public address", () => {
    expect(robots.sitemap).toBe(`${ORIGIN}/sitemap.xml`);
  });
  it("keeps moderation, accounts, sign-in, the edit forms and the API out, and lets the rest in", () => {
    expect(robots.rules).toEqual([{ userAgent: "*", allow: "/", disallow: DISALLOWED }]);
    for (const path of ["/api/", "/en/moderation", "/uk/moderation", "/en/account", "/uk/account", "/en/signin", "/uk/signin", "/en/q/*/suggest", "/en/suggestion/"]) {
      expect(DISALLOWED, path).toContain(path);
    }
    // A question page is not matched by any rule (robots rules are path prefixes; * matches anything).
    const blocked = (path: string) => DISALLOWED.some((rule) => new RegExp(`^${rule.replace(/[.?+^$()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}`).test(path));
    expect(blocked("/en/q/docker-overlay-network")).toBe(false);
    expect(blocked("/uk/lab")).toBe(false);
    expect(blocked("/en/q/docker-overlay-network/suggest")).toBe(true);
    expect(blocked("/api/trpc/question.get")).toBe(true);
  });
});

describe("page metadata", () => {
  const meta = (locale: "en" | "uk") =>
    pageMetadata({
      origin: ORIGIN,
      locale,
      path: "/q/overlay-vs-bridge",
      title: locale === "en" ? "Overlay vs bridge" : "Overlay чи bridge",
      description: locale === "en" ? "A bridge stays on one host." : "Bridge не виходить за межі хоста.",
      siteName: "Overlay Lab",
      type: "article",
      image: { url: `/${locale}/q/overlay-vs-bridge/opengraph-image/card`, alt: "card", width: 1200, height: 630 },
      modifiedTime: d("2026-11-05"),
    });

  it.each([
    ["en", "en_US", ["uk_UA"], "Overlay vs bridge", "A bridge stays on one host."],
    ["uk", "uk_UA", ["en_US"], "Overlay чи bridge", "Bridge не виходить за межі хоста."],
  ] as const)("in %s: absolute canonical, Open Graph with its locale and the other, a large Twitter card", (locale, og, alternate, title, description) => {
    const m = meta(locale);
    const url = `${ORIGIN}/${locale}/q/overlay-vs-bridge`;
    const image = { url: `${url}/opengraph-image/card`, alt: "card", width: 1200, height: 630, type: "image/png" };
    expect(m.alternates?.canonical).toBe(url);
    expect(m.alternates?.languages).toEqual(languageAlternates(ORIGIN, "/q/overlay-vs-bridge"));
    expect(m.openGraph).toEqual({
      type: "article",
      url,
      title,
      description,
      siteName: "Overlay Lab",
      locale: og,
      alternateLocale: alternate,
      images: [image],
      modifiedTime: "2026-11-05T10:00:00.000Z",
    });
    expect(m.twitter).toEqual({ card: "summary_large_image", title, description, images: [image] });
  });

  it("offers no alternate language for a page published in one language only", () => {
    const m = pageMetadata({ ...{ origin: ORIGIN, locale: "en", path: "/q/x", title: "t", description: "d", siteName: "s", type: "article" }, image: { url: "/i", alt: "a", width: 1, height: 1 }, locales: ["en"] });
    expect(m.alternates?.languages).toEqual({ en: `${ORIGIN}/en/q/x`, "x-default": `${ORIGIN}/en/q/x` });
    expect((m.openGraph as { alternateLocale: string[] }).alternateLocale).toEqual([]);
  });
});

describe("structured data", () => {
  const input = {
    url: `${ORIGIN}/en/q/x`,
    locale: "en",
    title: "What is a </script><script>alert(1)</script> network?",
    answerText: "An overlay spans hosts.",
    created: d("2026-01-01"),
    modified: d("2026-11-05"),
    siteName: "Overlay Lab",
    siteUrl: `${ORIGIN}/en`,
  };
  const data = questionJsonLd(input);

  it("is a schema.org QAPage with the question, its answer count and its accepted answer (Google's required fields)", () => {
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe("QAPage");
    const q = data.mainEntity as Record<string, unknown>;
    expect(q["@type"]).toBe("Question");
    expect(q.name).toBe("What is a </script><script>alert(1)</script> network?");
    expect(q.answerCount).toBe(1);
    expect(q.datePublished).toBe("2026-01-01T10:00:00.000Z");
    const a = q.acceptedAnswer as Record<string, unknown>;
    expect(a).toMatchObject({ "@type": "Answer", text: "An overlay spans hosts.", url: `${ORIGIN}/en/q/x` });
    expect(a.author).toEqual({ "@type": "Organization", name: "Overlay Lab", url: `${ORIGIN}/en` });
  });

  it("carries the answer's text up to a bound, cut at a word: a 60,000-character answer is not repeated whole", () => {
    const answer = (text: string) => ((questionJsonLd({ ...input, answerText: text }).mainEntity as Record<string, Record<string, string>>).acceptedAnswer.text);
    const fits = "word ".repeat(ANSWER_TEXT_MAX / 5).trim();
    expect(answer(fits)).toBe(fits);
    const long = answer("overlay ".repeat(60_000 / 8));
    expect(long.length).toBeLessThanOrEqual(ANSWER_TEXT_MAX);
    expect(long).toMatch(/ overlay…$/);
    expect(long.length).toBeGreaterThan(ANSWER_TEXT_MAX - 10);
  });

  it("cannot close its <script> element, and still parses to the same data", () => {
    const json = jsonLdScript(data);
    expect(json).not.toContain("<");
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe("web manifest", () => {
  it("names the product in the page's language and starts there", () => {
    const m = webManifest("uk", { name: "Overlay Lab: overlay-мережі Docker", shortName: "Overlay Lab", description: "опис", lab: "Лабораторія" });
    expect(m).toMatchObject({ name: "Overlay Lab: overlay-мережі Docker", lang: "uk", start_url: "/uk", display: "standalone" });
    expect(m.icons?.map((i) => i.sizes)).toEqual(["any", "192x192", "512x512", "512x512"]);
    expect(m.shortcuts).toEqual([{ name: "Лабораторія", url: "/uk/lab" }]);
  });
});
