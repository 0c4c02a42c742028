/**
 * Public pages from the page cache, on a production build with two instances on one PostgreSQL
 * database: the page is the same for everyone and says so in its caching headers; per-user bits
 * come from the client; a publication or a rollback on instance A is served on the very next
 * request by A and by B, and so is a suggestion sent to A and approved on B.
 */
import { expect, test } from "@playwright/test";
import { PUBLIC_CACHE_CONTROL } from "../src/lib/public-pages";
import { e2eSql } from "./db";
import { approve, makeModerator, publishTitle, rollbackTo, signUp, suggestTitle, trpc, type Account } from "./publish";

const run = Date.now().toString(36);
const A = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const B = process.env.E2E_SECOND_BASE_URL!;

test.describe.configure({ mode: "serial" });

let slug = "";
let originalTitle = "";
let readers: Account[] = [];
let moderator: Account;

test.beforeAll(async () => {
  const sql = e2eSql();
  try {
    // The last follow-up: the moderation tests publish to the main question and the first follow-up.
    const [question] = await sql`
      select q.slug, r.title from questions q join question_revisions r on r.question_id = q.id
      where q.parent_id is not null and r.locale = 'en' and r.is_published order by q.position desc, q.id desc limit 1`;
    slug = question.slug as string;
    originalTitle = question.title as string;
    // Three sign-ups at most: the auth rate limit allows three per address in ten seconds.
    readers = [await signUp(A, `Reader One ${run}`), await signUp(A, `Reader Two ${run}`)];
    moderator = await signUp(A, `Cache Moderator ${run}`);
    await makeModerator(sql, moderator);
  } finally {
    await sql.end();
  }
});

const revisionOf = (html: string) => /Revision (\d+) ·/.exec(html)?.[1];
/** The question page's heading, and the question's link text on the home page. */
const headingOf = (html: string) => /<h1 id="question-title"[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
const linkOnHome = (html: string) => new RegExp(`href="/en/q/${slug}">([^<]*)<`).exec(html)?.[1];

async function get(url: string): Promise<{ res: Response; html: string }> {
  const res = await fetch(url);
  return { res, html: await res.text() };
}

test("a public page is the same for every visitor, signed in or not, and shared caches may keep it", async () => {
  for (const path of [`/en/q/${slug}`, `/uk/q/${slug}`, "/en", "/uk", "/en/lab", "/uk/lab"]) {
    const anonymous = await fetch(A + path);
    const html = await anonymous.text();
    expect(anonymous.status, path).toBe(200);
    expect(anonymous.headers.get("cache-control"), path).toBe(PUBLIC_CACHE_CONTROL);
    expect(anonymous.headers.get("cache-control"), path).toMatch(/^public, .*s-maxage=\d+, stale-while-revalidate=\d+$/);
    const vary = anonymous.headers.get("vary") ?? "";
    expect(vary, path).toContain("rsc"); // HTML and RSC payloads are cached apart
    expect(vary.toLowerCase(), path).not.toContain("cookie"); // and nothing depends on who asks
    expect(anonymous.headers.getSetCookie(), path).toEqual([]);

    for (const reader of readers) {
      const signedIn = await fetch(A + path, { headers: { cookie: reader.cookie } });
      expect(signedIn.headers.get("cache-control"), path).toBe(PUBLIC_CACHE_CONTROL);
      expect(signedIn.headers.getSetCookie(), path).toEqual([]);
      const body = await signedIn.text();
      expect(body === html, `${path} as ${reader.name} is the anonymous page`).toBe(true);
      expect(body.includes(reader.name) || body.includes(reader.email), `${path} mentions ${reader.name}`).toBe(false);
    }
    // The other language's address, which the proxy no longer sends as a Link header.
    const other = path.startsWith("/en") ? path.replace(/^\/en/, "/uk") : path.replace(/^\/uk/, "/en");
    expect(html, path).toMatch(new RegExp(`<link rel="alternate" hrefLang="(en|uk)" href="${A}${other}"/>`));
    // Served from the page cache, not rendered per view.
    expect((await fetch(A + path)).headers.get("x-nextjs-cache"), path).toBe("HIT");
  }
});

test("a signed-in reader sees their account from the client; the page they were served carries nothing of them", async ({ browser }) => {
  const context = await browser.newContext();
  const [name, value] = readers[0].cookie.split(";")[0].split(/=(.*)/s);
  await context.addCookies([{ name, value, url: A }]);
  const page = await context.newPage();
  const response = await page.goto(`/en/q/${slug}`);
  await expect(page.locator("header")).toContainText(readers[0].name);
  const served = await response!.text();
  expect(served.includes(readers[0].name) || served.includes(readers[0].email), "the served page mentions the reader").toBe(false);
  expect(served === (await get(`${A}/en/q/${slug}`)).html, "the served page is the anonymous one").toBe(true);
  await context.close();
});

test("without JavaScript the cached page reads the same", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/en/q/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(originalTitle);
  await expect(page.getByRole("link", { name: "UA" })).toHaveAttribute("href", `/uk/q/${slug}`);
  await context.close();
});

test("a publication on instance A is served by A and B on the next request, and so is a rollback", async () => {
  const warm = async () => {
    for (const base of [A, B]) {
      for (const path of [`/en/q/${slug}`, "/en"]) {
        await get(base + path);
        const { res, html } = await get(base + path);
        expect(res.headers.get("x-nextjs-cache"), base + path).toBe("HIT");
        expect(path === "/en" ? linkOnHome(html) : headingOf(html), base + path).toBe(originalTitle);
      }
    }
  };
  await warm();
  const before = Number(revisionOf((await get(`${A}/en/q/${slug}`)).html));

  const title = `Swarm routing mesh and overlay, revised ${run}`;
  await publishTitle(A, { contributor: readers[0], moderator }, slug, "en", title);
  // No waiting: the very next request to either instance shows the new revision.
  const [onB, onA, homeB] = await Promise.all([get(`${B}/en/q/${slug}`), get(`${A}/en/q/${slug}`), get(`${B}/en`)]);
  expect(headingOf(onB.html), "B").toBe(title);
  expect(headingOf(onA.html), "A").toBe(title);
  expect(linkOnHome(homeB.html), "home on B").toBe(title);
  expect(revisionOf(onB.html)).toBe(String(before + 1));
  // The other locale's text did not change.
  expect((await get(`${B}/uk/q/${slug}`)).html.includes(title)).toBe(false);

  // Both caches hold the new page again; then a rollback from A.
  for (const base of [A, B]) expect((await get(`${base}/en/q/${slug}`)).res.headers.get("x-nextjs-cache")).toBe("HIT");
  await rollbackTo(A, moderator, slug, "en", before);
  const [backB, backA] = await Promise.all([get(`${B}/en/q/${slug}`), get(`${A}/en/q/${slug}`)]);
  for (const [where, { html }] of Object.entries({ B: backB, A: backA })) {
    expect(headingOf(html), where).toBe(originalTitle);
    expect(revisionOf(html), where).toBe(String(before + 2));
  }
});

test("a suggestion sent to instance A and approved on instance B is published by both on the next request", async () => {
  const path = `/en/q/${slug}`;
  // Both instances hold the page as it is in their caches.
  for (const base of [A, B]) {
    await get(base + path);
    const { res, html } = await get(base + path);
    expect(res.headers.get("x-nextjs-cache"), base).toBe("HIT");
    expect(headingOf(html), base).toBe(originalTitle);
  }
  const before = Number(revisionOf((await get(A + path)).html));

  // The contributor is on A; the moderator, behind the same load balancer, lands on B.
  const title = `Overlay across hosts, sent to A and approved on B ${run}`;
  const id = await suggestTitle(A, readers[1], slug, "en", title);
  const queued = await trpc<{ items: { id: number }[] }>(B, moderator, "moderation.queue", { questionSlug: slug, locale: "en", limit: 50 }, "query");
  expect(queued.items.map((i) => i.id), "B's queue").toContain(id);
  const published = await approve(B, moderator, id);
  expect(published.number).toBe(before + 1);

  // No waiting: the next request to each instance serves the new text, on the page and on the home page.
  const [onA, onB, homeA, homeB] = await Promise.all([get(A + path), get(B + path), get(`${A}/en`), get(`${B}/en`)]);
  for (const [where, { html }] of Object.entries({ A: onA, B: onB })) {
    expect(headingOf(html), where).toBe(title);
    expect(revisionOf(html), where).toBe(String(before + 1));
  }
  expect(linkOnHome(homeA.html), "home on A").toBe(title);
  expect(linkOnHome(homeB.html), "home on B").toBe(title);
  // The contributor, asking A, finds their suggestion approved.
  const seen = await trpc<{ status: string; publishedRevisionId: number | null }>(A, readers[1], "suggestion.get", { id }, "query");
  expect(seen).toMatchObject({ status: "approved", publishedRevisionId: published.revisionId });

  // Put the question back for the suites that come after, from B this time; A serves it at once too.
  await rollbackTo(B, moderator, slug, "en", before);
  const [backA, backB] = await Promise.all([get(A + path), get(B + path)]);
  for (const [where, { html }] of Object.entries({ A: backA, B: backB })) expect(headingOf(html), where).toBe(originalTitle);
});
