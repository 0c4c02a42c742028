import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getMiddlewareRouteMatcher } from "next/dist/shared/lib/router/utils/middleware-route-matcher";
import { describe, expect, it } from "vitest";
import { isPublicPagePath, PUBLIC_PAGE_SOURCES, SHARE_IMAGE_SOURCES } from "./public-pages";

// Next's own matcher compiler (not in its type declarations).
const { getMiddlewareMatchers } = createRequire(import.meta.url)("next/dist/build/analysis/get-page-static-info") as {
  getMiddlewareMatchers(matcher: string, nextConfig: object): Parameters<typeof getMiddlewareRouteMatcher>[0];
};

// The matcher as Next reads it: a literal in src/proxy.ts (importing the proxy would load next-intl's middleware).
const proxySource = fs.readFileSync(path.join(import.meta.dirname, "../proxy.ts"), "utf8");
const matcher = JSON.parse(/matcher: ("(?:[^"\\]|\\.)*")/.exec(proxySource)![1]) as string;

const PUBLIC = ["/en", "/uk", "/en/", "/en/q/docker-overlay-network", "/uk/q/overlay-vs-bridge", "/en/lab", "/uk/lab", "/uk/lab/"];
const OTHERS = ["/", "/fr", "/en/q/x/suggest", "/en/signin", "/en/moderation", "/uk/account/suggestions", "/en/q", "/enx", "/en/nothing-here", "/en/lab/x", "/en/labs", "/fr/lab", "/en/exercises"];

describe("public pages", () => {
  it("are the home, question and lab pages of each locale, nothing per-user", () => {
    for (const p of PUBLIC) expect(isPublicPagePath(p), p).toBe(true);
    for (const p of [...OTHERS, "/api/trpc/x"]) expect(isPublicPagePath(p), p).toBe(false);
    expect(PUBLIC_PAGE_SOURCES).toEqual(["/:locale(en|uk)", "/:locale(en|uk)/q/:slug", "/:locale(en|uk)/lab"]);
  });

  it("are exactly the pages the proxy skips (so no per-visitor cookie rides on a shared response)", () => {
    // Compiled the way Next compiles the proxy's matcher.
    const matches = getMiddlewareRouteMatcher(getMiddlewareMatchers(matcher, {}));
    const runs = (pathname: string) => matches(pathname, { headers: {}, cookies: {}, query: {} } as never, {});
    for (const p of PUBLIC) expect(runs(p), p).toBe(false);
    for (const p of OTHERS) expect(runs(p), p).toBe(true);
    expect(runs("/_next/static/chunks/a.js")).toBe(false);
    // Their share images, cached the same way; the files at the root pass through without locale routing.
    for (const p of ["/en/opengraph-image/card", "/uk/q/overlay-vs-bridge/opengraph-image/card"]) expect(runs(p), p).toBe(false);
    expect(runs("/en/q/x/suggest/opengraph-image/card")).toBe(true);
    // The lab has no share image of its own: an address under it is unknown, and gets the proxy's policy.
    expect(runs("/en/lab/opengraph-image/card")).toBe(true);
    expect(SHARE_IMAGE_SOURCES).toEqual(["/:locale(en|uk)/opengraph-image/:id", "/:locale(en|uk)/q/:slug/opengraph-image/:id"]);
  });
});
