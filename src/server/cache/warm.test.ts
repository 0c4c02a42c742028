import { describe, expect, it, vi } from "vitest";
import { PageWarmer, publicationPaths, warmOrigin } from "./warm.mjs";

/** A fetch that records the paths asked for, answering each after `delayMs`, with `status`. */
function recorder({ status = 200, delayMs = 0, fail = false } = {}) {
  const paths: string[] = [];
  let inFlight = 0;
  let most = 0;
  const fetch = vi.fn(async (input: string | URL | Request) => {
    paths.push(new URL(String(input)).pathname);
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    inFlight -= 1;
    if (fail) throw new Error("connection refused");
    return new Response("page", { status });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, paths, most: () => most };
}

describe("the page warmer", () => {
  it("asks for a queued page once, one page at a time, in the order given", async () => {
    const r = recorder({ delayMs: 5 });
    const warmer = new PageWarmer({ origin: "http://127.0.0.1:3000", fetch: r.fetch });
    const first = warmer.warm(["/en/q/a", "/en"]);
    const second = warmer.warm(["/en", "/uk/q/b"]); // /en is still queued
    await Promise.all([first, second]);
    expect(r.paths).toEqual(["/en/q/a", "/en", "/uk/q/b"]);
    expect(r.most()).toBe(1);
  });

  it("asks again for a page whose render was under way: that render may predate the publication", async () => {
    const r = recorder({ delayMs: 20 });
    const warmer = new PageWarmer({ origin: "http://127.0.0.1:3000", fetch: r.fetch });
    const first = warmer.warm(["/en/q/a"]);
    await vi.waitFor(() => expect(r.paths).toEqual(["/en/q/a"]));
    await Promise.all([first, warmer.warm(["/en/q/a"])]);
    expect(r.paths).toEqual(["/en/q/a", "/en/q/a"]);
  });

  it("asks only for public pages a publication can change", async () => {
    const r = recorder();
    const warmer = new PageWarmer({ origin: "http://127.0.0.1:3000", fetch: r.fetch });
    await warmer.warm(["/en/q/ok-1", "/uk", "/en/moderation", "//evil.example/x", "/en/q/../../api", "/de/q/x", "/en/q/UPPER"]);
    expect(r.paths).toEqual(["/en/q/ok-1", "/uk"]);
  });

  it("never fails its caller: a page it could not render is logged once per run of failures", async () => {
    const log = vi.fn();
    const down = recorder({ fail: true });
    const warmer = new PageWarmer({ origin: "http://127.0.0.1:3000", fetch: down.fetch, log });
    await expect(warmer.warm(["/en/q/a", "/en/q/b"])).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(/\/en\/q\/a not rendered ahead of its readers \(connection refused\)/);
    const refused = new PageWarmer({ origin: "http://127.0.0.1:3000", fetch: recorder({ status: 503 }).fetch, log });
    await refused.warm(["/en"]);
    expect(log.mock.calls[1][0]).toMatch(/answered 503/);
  });

  it("does nothing without an origin (warming off, or during the build)", async () => {
    const r = recorder();
    await new PageWarmer({ origin: null, fetch: r.fetch }).warm(["/en"]);
    expect(r.paths).toEqual([]);
  });
});

describe("where the warmer finds this server", () => {
  it("is the port it listens on, over loopback when it listens on every interface", () => {
    expect(warmOrigin({ PORT: "3467" })).toBe("http://127.0.0.1:3467");
    expect(warmOrigin({ PORT: "8080", HOSTNAME: "0.0.0.0" })).toBe("http://127.0.0.1:8080");
    expect(warmOrigin({ PORT: "8080", HOSTNAME: "10.0.0.5" })).toBe("http://10.0.0.5:8080");
    expect(warmOrigin({ PORT: "8080", HOSTNAME: "fd00::5" })).toBe("http://[fd00::5]:8080");
    expect(warmOrigin({})).toBe("http://127.0.0.1:3000");
  });

  it("can be set, or turned off", () => {
    expect(warmOrigin({ PAGE_WARM_ORIGIN: "http://app.internal:3000/", PORT: "1" })).toBe("http://app.internal:3000");
    expect(warmOrigin({ PAGE_WARM_ORIGIN: "off" })).toBeNull();
    expect(warmOrigin({ PORT: "not a port" })).toBeNull();
  });
});

it("a publication changes its question page and its locale's home page", () => {
  expect(publicationPaths([{ locale: "uk", slug: "a" }, { locale: "uk", slug: "b" }])).toEqual(["/uk/q/a", "/uk", "/uk/q/b"]);
});
