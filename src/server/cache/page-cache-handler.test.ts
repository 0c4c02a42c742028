/**
 * The wiring Next and the app rely on: Next's handler instances (one per request) share one cache
 * per process, and a publication reaches it through the process-wide handle the routers use.
 */
import { describe, expect, it, vi } from "vitest";
import { plainTextHtml, RENDER_RETRY_ATTRIBUTE } from "@/lib/markdown";
import { revalidatePublicPages } from "../api/routers/revalidate";
import { PAGE_CACHE_GLOBAL } from "./page-cache.mjs";

vi.stubEnv("DATABASE_URL", ""); // the embedded setup: no shared generation, the handle does the work
const { default: PageCacheHandler } = await import("./page-cache-handler.mjs");

const entry = { kind: "APP_PAGE", html: "<h1>revision 1</h1>", rscData: Buffer.from("rsc"), headers: {}, status: 200 };

describe("page cache handler", () => {
  it("shares one cache between the handlers Next makes per request", async () => {
    expect(await new PageCacheHandler().get("/en/q/shared", {})).toBeNull();
    await new PageCacheHandler().set("/en/q/shared", entry, { tags: [] });
    expect((await new PageCacheHandler().get("/en/q/shared", {}))?.value).toEqual(entry);
  });

  it("a publication announced by the routers drops the pages rendered before it", async () => {
    expect(await new PageCacheHandler().get("/en/q/published", {})).toBeNull();
    await new PageCacheHandler().set("/en/q/published", entry, { tags: [] });
    expect(typeof (globalThis as Record<symbol, unknown>)[PAGE_CACHE_GLOBAL]).toBe("object");
    await new Promise((r) => setTimeout(r, 2)); // the render above started strictly before
    await revalidatePublicPages(1);
    expect(await new PageCacheHandler().get("/en/q/published", {})).toBeNull();
  });
});

describe("a page whose Markdown a busy renderer stood in for", () => {
  it("is served but not kept, so the next request renders it again; a text that can never render is kept", async () => {
    const { RENDER_RETRY_MARK } = await import("./page-cache-handler.mjs");
    expect(RENDER_RETRY_MARK).toBe(RENDER_RETRY_ATTRIBUTE);
    // A miss first, as Next does: the cache dates an entry from the render that the miss started.
    const render = async (key: string, value: typeof entry) => {
      expect(await new PageCacheHandler().get(key, {})).toBeNull();
      await new PageCacheHandler().set(key, value, { tags: [] });
    };
    const standIn = { ...entry, html: `<main>${plainTextHtml("**a** b\n\nc", { retry: true })}</main>` };
    await render("/en/q/busy", standIn);
    expect(await new PageCacheHandler().get("/en/q/busy", {})).toBeNull();
    // Plain text because the text itself is over a limit: the same on every try, so cached like any page.
    const overLimit = { ...entry, html: `<main>${plainTextHtml("> ".repeat(30))}</main>` };
    await render("/en/q/too-deep", overLimit);
    expect((await new PageCacheHandler().get("/en/q/too-deep", {}))?.value).toBe(overLimit);
    // A reader who types the attribute into an answer gets it escaped: it cannot keep a page out of the cache.
    const typed = { ...entry, html: `<main><p>&lt;p class="md-plain" ${RENDER_RETRY_ATTRIBUTE}&gt;</p></main>` };
    await render("/en/q/typed", typed);
    expect((await new PageCacheHandler().get("/en/q/typed", {}))?.value).toBe(typed);
  });
});

describe("a route's answer to a method it does not serve", () => {
  it("is not kept: the share images and the manifest stay readable for everyone after an OPTIONS or a PUT", async () => {
    // Found by the HTTP fuzz. On a miss, Next renders a static route for whatever method asked and
    // stores the result under the route's key: its automatic OPTIONS answer (204, which no Response
    // can carry with a body: every later GET was a 500) or a 405 for PUT (every later GET was a 405).
    const route = (status: number) => ({ kind: "APP_ROUTE", status, body: Buffer.from(status === 200 ? "PNG" : ""), headers: {} });
    for (const [key, status] of [["/en/q/options/opengraph-image/card", 204], ["/en/q/put/opengraph-image/card", 405], ["/uk/manifest.webmanifest", 500]] as const) {
      expect(await new PageCacheHandler().get(key, {})).toBeNull();
      await new PageCacheHandler().set(key, route(status), { tags: [] });
      expect(await new PageCacheHandler().get(key, {}), `${key} (${status})`).toBeNull();
    }
    // The image itself is kept as before.
    const ok = route(200);
    expect(await new PageCacheHandler().get("/en/q/get/opengraph-image/card", {})).toBeNull();
    await new PageCacheHandler().set("/en/q/get/opengraph-image/card", ok, { tags: [] });
    expect((await new PageCacheHandler().get("/en/q/get/opengraph-image/card", {}))?.value).toBe(ok);
  });
});

describe("the policy of a cached page", () => {
  it("is added to the value Next stores and serves, in place, from the scripts Next wrote", async () => {
    const { withPagePolicy } = await import("./page-cache-handler.mjs");
    const value = {
      kind: "APP_PAGE",
      html: '<html><script src="/_next/static/chunks/x.js" integrity="sha256-XXXX"></script><script>self.__next_f.push([1,"a"])</script><script>alert(1)</script></html>',
      headers: { "x-next-cache-tags": "a" } as Record<string, string>,
      status: 200,
    };
    const headers = value.headers;
    withPagePolicy(value);
    expect(value.headers).toBe(headers);
    const policy = headers["content-security-policy"];
    expect(policy).toMatch(/script-src 'sha256-XXXX' 'sha256-[^']+' 'strict-dynamic' 'self';/);
    expect(policy.match(/'sha256-/g)).toHaveLength(2);
    withPagePolicy({ kind: "FETCH", data: {} }); // other entries are left alone
  });
});
