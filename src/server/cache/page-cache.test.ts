import { describe, expect, it } from "vitest";
import { approximateSize, fixedGeneration, PageCache, type GenerationSource } from "./page-cache.mjs";

/** A generation the test moves by hand, as publications on other instances would. */
function manualGeneration(start = "1:1") {
  let value: string | null = start;
  let refreshes = 0;
  const source: GenerationSource = { current: async () => value, refresh: async () => void (refreshes += 1) };
  return {
    source,
    set: (v: string | null) => void (value = v),
    refreshes: () => refreshes,
  };
}

const page = (html: string, tags = "_N_T_/layout,_N_T_/en/q/x") => ({
  kind: "APP_PAGE",
  html,
  rscData: Buffer.from(`rsc:${html}`),
  headers: { "x-next-cache-tags": tags },
  status: 200,
});

/** A clock that only moves when told. */
function clock(start = 1_000) {
  let t = start;
  return { now: () => t, tick: (ms = 1) => void (t += ms) };
}

async function render(cache: PageCache, key: string, value: unknown) {
  expect(await cache.get(key, { softTags: [] })).toBeNull();
  await cache.set(key, value, { tags: [] });
}

describe("page cache", () => {
  it("serves a stored page until the content generation changes, then renders again", async () => {
    const gen = manualGeneration();
    const c = clock();
    const cache = new PageCache({ generation: gen.source, now: c.now });
    await render(cache, "/en/q/x", page("revision 1"));
    expect(await cache.get("/en/q/x")).toEqual({ lastModified: 1_000, value: page("revision 1") });

    gen.set("2:7"); // a publication committed, on this or another instance
    expect(await cache.get("/en/q/x")).toBeNull();
    await cache.set("/en/q/x", page("revision 2"));
    expect((await cache.get("/en/q/x"))?.value).toEqual(page("revision 2"));
  });

  it("does not keep a render that started before a publication landed", async () => {
    const gen = manualGeneration();
    const cache = new PageCache({ generation: gen.source });
    expect(await cache.get("/en")).toBeNull(); // the render starts, reading revision 1
    gen.set("2:7"); // meanwhile a publication commits
    await cache.set("/en", page("revision 1"));
    expect(await cache.get("/en")).toBeNull(); // so that result is never served
  });

  it("keeps a page rendered after a notification once its exact generation is read back (a render that started after the notification read the new content)", async () => {
    const gen = manualGeneration();
    const readBack = new Map<string, string>();
    gen.source.equivalent = (older, newer) => older !== null && readBack.get(older) === newer;
    const cache = new PageCache({ generation: gen.source });
    await render(cache, "/en/q/x", page("revision 1"));
    gen.set("notified:1"); // a publication's notification: the page rendered before it is stale
    expect(await cache.get("/en/q/x")).toBeNull();
    await cache.set("/en/q/x", page("revision 2")); // rendered after the notification: the new content
    readBack.set("notified:1", "2:7");
    gen.set("2:7"); // the exact generation, read back after the notification
    expect((await cache.get("/en/q/x"))?.value).toEqual(page("revision 2"));
    // A generation it does not stand for (another publication since) makes it stale as before.
    gen.set("3:8");
    expect(await cache.get("/en/q/x")).toBeNull();
  });

  it("keeps nothing it did not see a miss for, nor empty values", async () => {
    const cache = new PageCache({ generation: fixedGeneration() });
    await cache.set("/en", page("unknown origin"));
    expect(await cache.get("/en")).toBeNull();
    await cache.set("/en", null);
    expect(await cache.get("/en")).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("drops entries whose tags (or the request's soft tags) were revalidated since their render started, and re-reads the generation", async () => {
    const gen = manualGeneration();
    const c = clock();
    const cache = new PageCache({ generation: gen.source, now: c.now });
    await render(cache, "/en/q/x", page("a"));
    await render(cache, "/en/q/y", page("b", "_N_T_/en/q/y"));
    c.tick();
    await cache.revalidateTag("_N_T_/en/q/x");
    expect(gen.refreshes()).toBe(1);
    expect(await cache.get("/en/q/x")).toBeNull();
    expect((await cache.get("/en/q/y"))?.value).toEqual(page("b", "_N_T_/en/q/y"));

    // revalidatePath("/", "layout") arrives as the soft tag every page of the request carries.
    await cache.revalidateTag(["_N_T_/layout"]);
    expect(await cache.get("/en/q/y", { softTags: ["_N_T_/layout", "_N_T_/en/q/y"] })).toBeNull();
  });

  it("treats a revalidation in the same millisecond as the render start as newer", async () => {
    const c = clock();
    const cache = new PageCache({ generation: fixedGeneration(), now: c.now });
    expect(await cache.get("/en")).toBeNull();
    await cache.revalidateTag("_N_T_/layout");
    await cache.set("/en", page("old", "_N_T_/layout"));
    expect(await cache.get("/en")).toBeNull();
  });

  it("after a publication on this instance, drops every page rendered before it and waits for the generation to catch up", async () => {
    const gen = manualGeneration();
    const c = clock();
    let settledWith: number | undefined;
    const source: GenerationSource = { ...gen.source, published: async (id) => void (settledWith = id) };
    const cache = new PageCache({ generation: source, now: c.now });
    await render(cache, "/en", page("before"));
    await render(cache, "/en/q/x", page("before"));
    c.tick();
    await cache.published(42);
    expect(settledWith).toBe(42);
    c.tick();
    expect(await cache.get("/en")).toBeNull();
    expect(await cache.get("/en/q/x")).toBeNull();
    await cache.set("/en", page("after"));
    expect((await cache.get("/en"))?.value).toEqual(page("after"));

    // A source that cannot tell when others heard is at least read again.
    const plain = new PageCache({ generation: gen.source, now: c.now });
    await plain.published(43);
    expect(gen.refreshes()).toBe(1);
  });

  it("stays within its memory budget, least recently used first", async () => {
    const one = approximateSize(page("x".repeat(1000))) + 2 * "/p0".length;
    const cache = new PageCache({ generation: fixedGeneration(), maxBytes: one * 4 });
    for (const k of ["/p0", "/p1", "/p2", "/p4"]) await render(cache, k, page("x".repeat(1000)));
    expect(await cache.get("/p0")).not.toBeNull(); // /p1 is now the least recently used
    await render(cache, "/p3", page("x".repeat(1000)));
    expect(cache.size).toBe(4);
    expect(await cache.get("/p1")).toBeNull();
    expect(await cache.get("/p0")).not.toBeNull();
    expect(await cache.get("/p3")).not.toBeNull();
  });

  it("does not keep not-found pages, so made-up paths cannot push real pages out", async () => {
    const cache = new PageCache({ generation: fixedGeneration() });
    await render(cache, "/en/q/made-up", { ...page("Page not found"), status: 404 });
    expect(cache.size).toBe(0);
    expect(await cache.get("/en/q/made-up")).toBeNull();
  });

  it("never stores a value larger than a quarter of its budget", async () => {
    const cache = new PageCache({ generation: fixedGeneration(), maxBytes: 4000 });
    await render(cache, "/big", page("x".repeat(1000)));
    expect(cache.size).toBe(0);
  });

  it("while the database cannot be read, keeps serving what it has; once it answers, drops it", async () => {
    const gen = manualGeneration();
    const cache = new PageCache({ generation: gen.source });
    gen.set(null);
    await render(cache, "/en", page("from before the outage"));
    expect(await cache.get("/en")).not.toBeNull();
    gen.set("3:9");
    expect(await cache.get("/en")).toBeNull();
  });

  it("serves a page a publication made stale while the database is away (stale if error), and renders afresh once it answers", async () => {
    let unreachable = false;
    let value = "1:1";
    const cache = new PageCache({ generation: { current: async () => value, refresh: async () => {}, unreachable: () => unreachable } });
    await render(cache, "/en/q/x", page("revision 1"));
    // A publication lands (the generation moves): the next request renders, and that render fails because
    // the database went away meanwhile (Next stores nothing). Once the cache knows, it serves the old page.
    value = "notified:1";
    expect(await cache.get("/en/q/x")).toBeNull();
    unreachable = true;
    expect((await cache.get("/en/q/x"))?.value).toEqual(page("revision 1"));
    expect((await cache.get("/en/q/x"))?.value).toEqual(page("revision 1"));
    // A page it never had is rendered (and fails, or not) as before.
    expect(await cache.get("/uk/q/x")).toBeNull();
    // Back: the first request renders the current revision.
    unreachable = false;
    value = "2:7";
    expect(await cache.get("/en/q/x")).toBeNull();
    await cache.set("/en/q/x", page("revision 2"));
    expect((await cache.get("/en/q/x"))?.value).toEqual(page("revision 2"));
  });
});

describe("approximateSize", () => {
  it("counts strings, buffers, maps and nested objects", () => {
    expect(approximateSize("abc")).toBe(6);
    expect(approximateSize(Buffer.alloc(10))).toBe(10);
    expect(approximateSize(new Map([["ab", Buffer.alloc(5)]]))).toBe(9);
    expect(approximateSize({ a: { b: "xy" }, n: 1 })).toBe(12);
    expect(approximateSize(null)).toBe(0);
  });
});
