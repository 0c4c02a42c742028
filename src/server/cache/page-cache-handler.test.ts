/**
 * The wiring Next and the app rely on: Next's handler instances (one per request) share one cache
 * per process, and a publication reaches it through the process-wide handle the routers use.
 */
import { describe, expect, it, vi } from "vitest";
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
