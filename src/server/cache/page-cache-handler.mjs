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
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { cspHeader, hashPageScripts } from "../../lib/csp.mjs";
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

const dev = process.env.NODE_ENV === "development";
const STATIC_DIR = path.join(process.cwd(), ".next", "static");

/** @type {Map<string, string | null>} build output never changes under a running server */
const fileIntegrities = new Map();

/** The SRI hash of a script under /_next/static/, read once from the build output. @param {string} src */
function fileIntegrity(src) {
  const relative = decodeURIComponent(src.slice("/_next/static/".length).split(/[?#]/)[0]);
  if (!fileIntegrities.has(relative)) {
    let integrity = null;
    const file = path.join(STATIC_DIR, relative);
    if (file.startsWith(STATIC_DIR + path.sep)) {
      try {
        integrity = `sha256-${createHash("sha256").update(readFileSync(file)).digest("base64")}`;
      } catch {
        integrity = null;
      }
    }
    fileIntegrities.set(relative, integrity);
  }
  return fileIntegrities.get(relative) ?? null;
}

/**
 * Gives a rendered page its Content-Security-Policy: the hashes of the scripts Next wrote into it (see
 * src/lib/csp.mjs). Cached pages are the same for everyone, so they cannot carry a per-request nonce.
 * The value is changed in place: on a miss Next serves the response from the very value it hands to
 * `set`, so the first visitor gets the same page and policy as the next ones (e2e/csp.spec.ts).
 * @param {unknown} data
 */
export function withPagePolicy(data) {
  if (!data || typeof data !== "object") return;
  const page = /** @type {{ kind?: string; html?: unknown; headers?: Record<string, unknown> }} */ (data);
  if (page.kind !== "APP_PAGE" || typeof page.html !== "string" || page.html === "") return;
  const { html, hashes, untrusted } = hashPageScripts(page.html, fileIntegrity);
  if (untrusted.length > 0) console.warn(`page cache: ${untrusted.length} script(s) not from Next left out of the page's policy:`, untrusted[0]);
  page.html = html;
  page.headers ??= {};
  page.headers["content-security-policy"] = cspHeader({ hashes }, { dev });
}

/** The attribute src/lib/markdown/index.ts (RENDER_RETRY_ATTRIBUTE) puts on text a busy renderer stood in for. */
export const RENDER_RETRY_MARK = "data-render-retry";

/**
 * A page whose Markdown could not be rendered for a reason that has nothing to do with the text (the render
 * threads were busy): never cached, or every reader would get the plain text until the next publication.
 * @param {unknown} data
 */
export function isStandIn(data) {
  if (!data || typeof data !== "object") return false;
  const page = /** @type {{ kind?: string; html?: unknown }} */ (data);
  return page.kind === "APP_PAGE" && typeof page.html === "string" && page.html.includes(`<p class="md-plain" ${RENDER_RETRY_MARK}>`);
}

/**
 * A route handler's answer that is not its content: on a miss Next renders a static route (a share
 * image, the manifest) for whatever method asked and hands the result here under the route's key —
 * its automatic OPTIONS answer (204, which no Response can carry with a body, so every later GET was a
 * 500) or a 405 for PUT (served to every later GET). Such an answer goes to its asker only.
 * @param {unknown} data
 */
export function isRouteRefusal(data) {
  if (!data || typeof data !== "object") return false;
  const route = /** @type {{ kind?: string; status?: unknown }} */ (data);
  return route.kind === "APP_ROUTE" && route.status !== undefined && route.status !== 200;
}

export default class PageCacheHandler {
  /** @param {string} key @param {any} ctx */
  get(key, ctx) {
    return pageCache().get(key, ctx);
  }

  /** @param {string} key @param {unknown} data @param {any} ctx */
  set(key, data, ctx) {
    withPagePolicy(data);
    if (isRouteRefusal(data)) return Promise.resolve();
    if (isStandIn(data)) {
      // Served to this visitor as it is, and rendered again for the next one.
      console.warn(`page cache: ${key} not kept (its Markdown was shown as plain text for the moment)`);
      return Promise.resolve();
    }
    return pageCache().set(key, data, ctx);
  }

  /** @param {string | string[]} tags */
  revalidateTag(tags) {
    return pageCache().revalidateTag(tags);
  }

  resetRequestCache() {}
}
