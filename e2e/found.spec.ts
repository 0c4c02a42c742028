/**
 * Found, shared and offline: what search engines and chat apps read from a question page (canonical,
 * alternates, Open Graph, Twitter card, QAPage data), the sitemap, robots.txt, icons and manifests;
 * the share image (a PNG with Cyrillic drawn in the shipped font); and a suggestion typed offline,
 * which waits as a draft until it can be sent (the rest of the service worker's specs: offline.spec.ts).
 */
import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { plainSummary } from "../src/lib/text";
import type { shareImage as ShareImage } from "../src/server/share-image";
import { e2eSql } from "./db";
import { published, slugs } from "./content";
import { cached, controlled } from "./offline";
import { makeModerator, publishTitle, signUp, type Account } from "./publish";

// Loaded through require: Node's ESM resolver does not find `next/og` (next has no "exports" map).
const { shareImage } = createRequire(import.meta.url)("../src/server/share-image.tsx") as { shareImage: typeof ShareImage };

const A = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const run = Date.now().toString(36);

const meta = (page: Page, key: string) => page.locator(`head meta[property="${key}"], head meta[name="${key}"]`);
const content = async (page: Page, key: string) => (await meta(page, key).first().getAttribute("content")) ?? "";

const OG_LOCALE = { en: "en_US", uk: "uk_UA" } as const;
const SITE = { en: "Overlay Lab", uk: "Overlay Lab" } as const;

test.describe("link previews and search", () => {
  for (const locale of ["en", "uk"] as const) {
    test(`a question page in ${locale.toUpperCase()} carries every tag, from its published revision`, async ({ page }) => {
      const { main } = await slugs();
      const q = await published(main, locale);
      const other = locale === "en" ? "uk" : "en";
      const url = `${A}/${locale}/q/${main}`;
      await page.goto(`/${locale}/q/${main}`);

      await expect(page).toHaveTitle(`${q.title} · ${SITE[locale]}`);
      const description = plainSummary(q.shortAnswer, 160);
      expect(await content(page, "description")).toBe(description);
      await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", url);
      await expect(page.locator(`head link[rel="alternate"][hreflang="${other}"]`)).toHaveAttribute("href", `${A}/${other}/q/${main}`);
      await expect(page.locator(`head link[rel="alternate"][hreflang="${locale}"]`)).toHaveAttribute("href", url);
      await expect(page.locator('head link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", `${A}/en/q/${main}`);

      expect(await content(page, "og:title")).toBe(q.title);
      expect(await content(page, "og:description")).toBe(description);
      expect(await content(page, "og:url")).toBe(url);
      expect(await content(page, "og:type")).toBe("article");
      expect(await content(page, "og:site_name")).toBe(SITE[locale]);
      expect(await content(page, "og:locale")).toBe(OG_LOCALE[locale]);
      expect(await content(page, "og:locale:alternate")).toBe(OG_LOCALE[other]);
      expect(await content(page, "article:modified_time")).toBe(q.createdAt.toISOString());
      const image = await content(page, "og:image");
      expect(image).toMatch(new RegExp(`^${url}/opengraph-image/card(\\?[\\w-]+)?$`));
      expect(await content(page, "og:image:width")).toBe("1200");
      expect(await content(page, "og:image:height")).toBe("630");
      expect(await content(page, "og:image:type")).toBe("image/png");
      expect(await content(page, "og:image:alt")).toContain(q.title);

      expect(await content(page, "twitter:card")).toBe("summary_large_image");
      expect(await content(page, "twitter:title")).toBe(q.title);
      expect(await content(page, "twitter:description")).toBe(description);
      expect(await content(page, "twitter:image")).toBe(`${url}/opengraph-image/card`);
      expect(await content(page, "twitter:image:alt")).toContain(q.title);

      // Icons and the manifest in the page's language.
      await expect(page.locator('head link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute("href", /^\/icon\.svg/);
      await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
      await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveAttribute("href", /^\/apple-icon\.png/);
      await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", `/${locale}/manifest.webmanifest`);

      // Structured data: a QAPage about this question, parseable, with no raw "<" that could end the script.
      const raw = await page.locator('script[type="application/ld+json"]').textContent();
      expect(raw).not.toContain("<");
      const data = JSON.parse(raw!) as { "@type": string; mainEntity: { "@type": string; name: string; answerCount: number; acceptedAnswer: { "@type": string; text: string; url: string } } };
      expect(data["@type"]).toBe("QAPage");
      expect(data.mainEntity).toMatchObject({ "@type": "Question", name: q.title, answerCount: 1 });
      expect(data.mainEntity.acceptedAnswer["@type"]).toBe("Answer");
      expect(data.mainEntity.acceptedAnswer.url).toBe(url);
      expect(data.mainEntity.acceptedAnswer.text.length).toBeGreaterThan(200);
    });
  }

  test("robots.txt, the sitemap, the manifests and the icons are served as what they are", async ({ request }) => {
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    const text = await robots.text();
    expect(text).toContain(`Sitemap: ${A}/sitemap.xml`);
    for (const path of ["/api/", "/en/moderation", "/uk/account", "/en/signin", "/uk/q/*/suggest"]) expect(text).toContain(`Disallow: ${path}`);
    expect(robots.headers()["set-cookie"]).toBeUndefined();

    const sitemap = await request.get("/sitemap.xml");
    expect(sitemap.status()).toBe(200);
    expect(sitemap.headers()["content-type"]).toContain("xml");
    const xml = await sitemap.text();
    const { all } = await slugs();
    for (const slug of all) {
      for (const locale of ["en", "uk"] as const) {
        const q = await published(slug, locale);
        const entry = new RegExp(`<url>\\s*<loc>${A}/${locale}/q/${slug}</loc>([\\s\\S]*?)</url>`).exec(xml)?.[1] ?? "";
        expect(entry, `${locale}/${slug}`).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${A}/en/q/${slug}" />`);
        expect(entry, `${locale}/${slug}`).toContain(`<xhtml:link rel="alternate" hreflang="uk" href="${A}/uk/q/${slug}" />`);
        expect(entry, `${locale}/${slug}`).toContain(`<lastmod>${q.createdAt.toISOString()}</lastmod>`);
      }
    }

    for (const [path, name] of [
      ["/en/manifest.webmanifest", "Overlay Lab: Docker overlay networking"],
      ["/uk/manifest.webmanifest", "Overlay Lab: overlay-мережі Docker"],
      ["/manifest.webmanifest", "Overlay Lab: Docker overlay networking"],
    ]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()["content-type"], path).toContain("application/manifest+json");
      const m = (await res.json()) as { name: string; icons: { src: string }[] };
      expect(m.name, path).toBe(name);
      for (const icon of m.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
    }
    for (const [path, type] of [
      ["/favicon.ico", "image/x-icon"],
      ["/icon.svg", "image/svg+xml"],
      ["/apple-icon.png", "image/png"],
      ["/sw.js", "text/javascript"],
    ]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()["content-type"], path).toContain(type);
    }
    expect((await sharp(await (await request.get("/apple-icon.png")).body()).metadata()).width).toBe(180);
  });

  test("a publication updates the page's tags, its share image and the sitemap's lastmod", async ({ request }) => {
    test.setTimeout(60_000);
    const { last } = await slugs();
    const sql = e2eSql();
    let who: { contributor: Account; moderator: Account };
    try {
      who = { contributor: await signUp(A, `Found Contributor ${run}`), moderator: await signUp(A, `Found Moderator ${run}`) };
      await makeModerator(sql, who.moderator);
    } finally {
      await sql.end();
    }
    const before = await published(last, "uk");
    const beforeImage = await (await request.get(`/uk/q/${last}/opengraph-image/card`)).body();
    // Cached now: the page and its image are rendered once per publication.
    expect((await request.get(`/uk/q/${last}`)).status()).toBe(200);

    const title = `Нова назва ${run}: ґ, є, ї`;
    await publishTitle(A, who, last, "uk", title);
    const after = await published(last, "uk");
    expect(after.createdAt.getTime()).toBeGreaterThan(before.createdAt.getTime());

    const html = await (await request.get(`/uk/q/${last}`)).text();
    expect(html).toContain(`<meta property="og:title" content="${title}"/>`);
    expect(html).toContain(`<meta name="twitter:title" content="${title}"/>`);
    expect(html).toContain(`<meta property="article:modified_time" content="${after.createdAt.toISOString()}"/>`);
    const xml = await (await request.get("/sitemap.xml")).text();
    expect(xml).toMatch(new RegExp(`<loc>${A}/uk/q/${last}</loc>[\\s\\S]*?<lastmod>${after.createdAt.toISOString()}</lastmod>`));
    const afterImage = await (await request.get(`/uk/q/${last}/opengraph-image/card`)).body();
    expect(afterImage.equals(beforeImage)).toBe(false);
  });
});

test.describe("share images", () => {
  /** Dark pixels of the card that are text: count of pixels brighter than the background in a band. */
  async function inkIn(png: Buffer, top: number, bottom: number): Promise<number> {
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let ink = 0;
    for (let y = top; y < bottom; y++) {
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * 3;
        if (data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200) ink++;
      }
    }
    return ink;
  }

  for (const locale of ["en", "uk"] as const) {
    test(`the ${locale.toUpperCase()} share image is a 1200×630 PNG drawn with the shipped font`, async ({ request }) => {
      const { main } = await slugs();
      const q = await published(main, locale);
      const res = await request.get(`/${locale}/q/${main}/opengraph-image/card`);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
      expect(res.headers()["set-cookie"]).toBeUndefined();
      const png = await res.body();
      const info = await sharp(png).metadata();
      expect([info.format, info.width, info.height]).toEqual(["png", 1200, 630]);
      test.info().attachments.push({ name: `share-${locale}.png`, contentType: "image/png", body: png });

      // The same card drawn here, by the same code with the same fonts: the server drew every glyph
      // (a missing one would be fetched from the network, which the server does not have, or left out).
      const expected = Buffer.from(
        await (
          await shareImage({
            siteName: "Overlay Lab",
            kicker: locale === "en" ? "Interview answer" : "Відповідь для співбесіди",
            title: q.title,
            summary: plainSummary(q.shortAnswer, 400),
            localeLabel: locale === "en" ? "EN" : "UA",
            host: new URL(A).host,
          })
        ).arrayBuffer(),
      );
      const [a, b] = await Promise.all([sharp(png).raw().toBuffer(), sharp(expected).raw().toBuffer()]);
      let differing = 0;
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 8) differing++;
      expect(differing / a.length).toBeLessThan(0.001);
      // And there is text where the title goes.
      expect(await inkIn(png, 200, 470)).toBeGreaterThan(5000);
    });
  }
});

test.describe("offline", () => {
  test.setTimeout(120_000);

  for (const locale of ["en", "uk"] as const) {
    test(`a suggestion typed offline is kept as a draft and sent once back online (${locale.toUpperCase()})`, async ({ browser }) => {
      const t = {
        en: { short: "Short answer (EN)", send: "Send for review", offline: "You are offline. Sending a suggestion needs a connection", kept: "Not sent: you are offline.", back: "You are back online" },
        uk: { short: "Коротка відповідь (UA)", send: "Надіслати на перевірку", offline: "Немає з’єднання. Щоб надіслати пропозицію, потрібне з’єднання", kept: "Не надіслано: немає з’єднання.", back: "З’єднання відновлено" },
      }[locale];
      const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
      const page = await context.newPage();
      const { main } = await slugs();
      await page.goto(`/${locale}/q/${main}/suggest`);
      await controlled(page);
      await page.reload();
      await expect.poll(() => cached(page, `/${locale}/q/${main}/suggest`), { timeout: 20_000 }).toBe(true);

      await context.setOffline(true);
      await expect(page.getByTestId("suggest-offline")).toContainText(t.offline);
      const text = `Offline ${locale} ${run}: the overlay spans every node of the swarm.`;
      await page.getByLabel(t.short).fill(text);
      await page.getByRole("button", { name: t.send }).click();
      await expect(page.getByRole("alert").filter({ hasText: t.kept })).toBeVisible();
      await page.screenshot({ path: test.info().outputPath(`offline-suggest-${locale}.png`), fullPage: false });
      // Still offline, the page reloads from the service worker and the draft is still there.
      await page.reload();
      await expect(page.getByLabel(t.short)).toHaveValue(text);

      await context.setOffline(false);
      await page.getByRole("button", { name: t.send }).click();
      await expect(page.getByTestId("status-link")).toBeVisible();
      const sql = e2eSql();
      try {
        const rows = await sql`select id from suggestions where short_answer = ${text}`;
        expect(rows).toHaveLength(1);
        // The suites share one database: the moderation specs after this one review the queue's oldest rows.
        await sql`delete from suggestions where id = ${rows[0].id}`;
      } finally {
        await sql.end();
      }
      await context.close();
    });
  }
});
