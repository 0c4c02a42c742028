// @ts-check
/**
 * Next's cache handler (`cacheHandler` in next.config.ts) for ISR entries: the public pages are
 * rendered once per published content and served from memory (see ./page-cache.mjs).
 *
 * How a publication reaches every instance: with DATABASE_URL, each process listens on PostgreSQL
 * for the NOTIFY a publication sends as it commits, and polls the content generation every
 * PAGE_CACHE_POLL_MS as a fallback; an entry rendered from an older generation is never served
 * again. On the embedded database there is one process, and `revalidatePath` after a publication
 * (which reaches this handler's `revalidateTag`) is enough.
 *
 * Next constructs a handler per request, so the cache itself lives in this module, once per process.
 */
import { z } from "zod";
import { postgresGeneration } from "./content-generation.mjs";
import { fixedGeneration, PAGE_CACHE_GLOBAL, PageCache } from "./page-cache.mjs";

const settings = z
  .object({
    DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^postgres(ql)?:\/\//).optional()),
    /** How often each instance re-reads the generation when no notification arrives. */
    PAGE_CACHE_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
    /** Memory for cached pages per process. */
    PAGE_CACHE_MAX_MB: z.coerce.number().int().min(1).max(4096).default(64),
    NEXT_PHASE: z.string().optional(),
  })
  .parse(process.env);

/** @type {PageCache | undefined} */
let cache;

function pageCache() {
  if (!cache) {
    // `next build` prerenders no database content, so it never needs (or waits for) the server.
    const shared = settings.DATABASE_URL && settings.NEXT_PHASE !== "phase-production-build";
    cache = new PageCache({
      generation: shared
        ? postgresGeneration({ url: /** @type {string} */ (settings.DATABASE_URL), pollMs: settings.PAGE_CACHE_POLL_MS })
        : fixedGeneration(),
      maxBytes: settings.PAGE_CACHE_MAX_MB * 1024 * 1024,
    });
  }
  return cache;
}

/** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis))[PAGE_CACHE_GLOBAL] = {
  /** @param {number} revisionId */
  published: (revisionId) => pageCache().published(revisionId),
};

export default class PageCacheHandler {
  /** @param {string} key @param {any} ctx */
  get(key, ctx) {
    return pageCache().get(key, ctx);
  }

  /** @param {string} key @param {unknown} data @param {any} ctx */
  set(key, data, ctx) {
    return pageCache().set(key, data, ctx);
  }

  /** @param {string | string[]} tags */
  revalidateTag(tags) {
    return pageCache().revalidateTag(tags);
  }

  resetRequestCache() {}
}
