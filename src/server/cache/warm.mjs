// @ts-check
/**
 * Renders a publication's pages ahead of their readers. A publication makes the cached pages it changes
 * stale (./page-cache.mjs), and the next request for each used to render it while its reader waited — for
 * a long answer, most of a second on a busy machine. The warmer asks this server for those pages itself,
 * one at a time, as soon as the new content is known here, so the page is rendered once per revision and
 * readers are answered from the cache. A reader who arrives while the warmer's render is under way waits
 * for that render (Next handles concurrent requests for one page with one render), never for a second one.
 *
 * Plain JavaScript (checked by TypeScript through JSDoc): the page cache handler that owns it is loaded
 * by Next outside the bundler.
 */

/** The pages a publication can change and the warmer renders: a locale's home page and question pages. */
const WARMABLE = /^\/(en|uk)(\/q\/[a-z0-9][a-z0-9-]{0,120})?$/;

/** How long one render may take before the warmer gives up on it (the reader's request renders it then). */
const RENDER_TIMEOUT_MS = 15_000;

/** The pages of published revisions of `locale` and question `slug`: its question page and the home page. */
export function publicationPaths(/** @type {{ locale: string; slug: string }[]} */ revisions) {
  return [...new Set(revisions.flatMap(({ locale, slug }) => [`/${locale}/q/${slug}`, `/${locale}`]))];
}

/**
 * This server's own address for the warmer's requests: `PAGE_WARM_ORIGIN` if set ("off" turns warming off),
 * else the port it listens on, at the address it listens on (loopback when it listens on every interface).
 * @param {Record<string, string | undefined>} env
 * @returns {string | null}
 */
export function warmOrigin(env) {
  if (env.PAGE_WARM_ORIGIN) return env.PAGE_WARM_ORIGIN === "off" ? null : env.PAGE_WARM_ORIGIN.replace(/\/+$/, "");
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return null;
  const host = !env.HOSTNAME || ["0.0.0.0", "::", "localhost"].includes(env.HOSTNAME) ? "127.0.0.1" : env.HOSTNAME;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export class PageWarmer {
  /**
   * @param {{ origin: string | null; fetch?: typeof fetch; log?: (message: string) => void }} options
   */
  constructor({ origin, fetch: fetchImpl = (input, init) => fetch(input, init), log = (message) => console.warn(message) }) {
    this.origin = origin;
    this.fetch = fetchImpl;
    this.log = log;
    /** @type {Set<string>} paths waiting, in order */
    this.queue = new Set();
    /** @type {Promise<void> | null} */
    this.running = null;
    /** Failures are logged once per run of failures, not per page. */
    this.failing = false;
  }

  /**
   * Queues pages to render (unknown shapes are ignored; a page already queued is queued once) and resolves
   * when the queue is empty. Never rejects: a page the warmer could not render is rendered by its reader.
   * @param {readonly string[]} paths
   * @returns {Promise<void>}
   */
  warm(paths) {
    if (!this.origin) return Promise.resolve();
    for (const path of paths) if (WARMABLE.test(path)) this.queue.add(path);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** @private */
  async drain() {
    for (let path = first(this.queue); path !== undefined; path = first(this.queue)) {
      this.queue.delete(path);
      try {
        const res = await this.fetch(`${this.origin}${path}`, {
          headers: { "x-overlay-warm": "1" },
          redirect: "manual",
          signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`answered ${res.status}`);
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.log(`page warmer: ${path} not rendered ahead of its readers (${error instanceof Error ? error.message : String(error)})`);
        this.failing = true;
      }
    }
  }
}

/** @param {Set<string>} set */
function first(set) {
  for (const value of set) return value;
  return undefined;
}
