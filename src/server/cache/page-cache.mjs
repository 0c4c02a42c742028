// @ts-check
/**
 * The page cache behind Next's ISR cache handler (see ./page-cache-handler.mjs): public pages are
 * rendered once per published content and kept in memory, so a view is a lookup, not a render.
 *
 * An entry is fresh while
 *  - the content generation it was rendered from is still the current one (the generation is read
 *    from the database, so a publication on any instance reaches every instance), and
 *  - none of its tags was revalidated on this instance since its render started.
 * A stale entry is dropped, never served: the next request renders the new revision (blocking), so
 * nobody sees the old text after a publication. Entries are bounded by size, least recently used first.
 *
 * Plain JavaScript (checked by TypeScript through JSDoc): Next loads the handler with a bare import at
 * run time, outside the bundler.
 */

/**
 * Where app code finds this process's page cache: Next loads the handler outside the bundle, so
 * importing it from app code would make a second, empty cache (see src/server/api/routers/revalidate.ts).
 */
export const PAGE_CACHE_GLOBAL = Symbol.for("overlay-lab.page-cache");

/** Next's header carrying a page entry's tags (implicit path tags and explicit ones). */
const TAGS_HEADER = "x-next-cache-tags";
/** Renders under way at once that we remember the start of; more means keys are being sprayed. */
const MAX_RENDERS = 1000;

/**
 * Where the current content generation comes from. `current()` is cheap (a memory read once
 * loaded); `refresh()` asks the source again; `published(revisionId)` after a publication on this
 * instance resolves once this instance knows the new generation (and, where it can tell, the
 * other instances have been signalled).
 * `unreachable()` is true while the database cannot be read (its last read failed): the pages it has
 * are then the best there is, so they are served even if a publication made them stale.
 * `equivalent(older, newer)` says that pages rendered under the generation `older` show the content of
 * `newer` (a generation a notification stood in for until the exact one was read back).
 * @typedef {{ current(): Promise<string | null>; refresh(): Promise<void>; published?(revisionId: number): Promise<void>; close?(): Promise<void>; unreachable?(): boolean; equivalent?(older: string | null, newer: string | null): boolean }} GenerationSource
 */

/**
 * @typedef {object} Entry
 * @property {unknown} value what Next stored
 * @property {number} lastModified when it was stored (ms)
 * @property {number} asOf when its render started (ms): a tag revalidated at or after this makes it stale
 * @property {string | null} generation the content generation its render started from
 * @property {Set<string>} tags
 * @property {number} size approximate bytes
 */

/** @returns {GenerationSource} a single process: the generation never changes, tags do the work. */
export function fixedGeneration(value = "local") {
  return { current: async () => value, refresh: async () => {} };
}

/**
 * Approximate size in bytes of a cached value (strings, buffers, maps, plain objects).
 * @param {unknown} value
 * @param {number} [depth]
 * @returns {number}
 */
export function approximateSize(value, depth = 0) {
  if (value == null || depth > 6) return 0;
  if (typeof value === "string") return value.length * 2;
  if (typeof value !== "object") return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  let total = 0;
  if (value instanceof Map) {
    for (const [k, v] of value) total += approximateSize(k, depth + 1) + approximateSize(v, depth + 1);
    return total;
  }
  for (const v of Object.values(value)) total += approximateSize(v, depth + 1);
  return total;
}

/** @param {unknown} data @returns {string[]} the tags Next recorded in a page entry's headers */
function headerTags(data) {
  if (!data || typeof data !== "object" || !("headers" in data)) return [];
  const headers = /** @type {{ headers?: Record<string, unknown> }} */ (data).headers;
  const raw = headers?.[TAGS_HEADER];
  return typeof raw === "string" ? raw.split(",").filter(Boolean) : [];
}

export class PageCache {
  /**
   * @param {{ generation: GenerationSource; maxBytes?: number; now?: () => number }} options
   */
  constructor({ generation, maxBytes = 64 * 1024 * 1024, now = () => Date.now() }) {
    this.generation = generation;
    this.maxBytes = maxBytes;
    this.now = now;
    /** @type {Map<string, Entry>} insertion order = least recently used first */
    this.entries = new Map();
    /** @type {Map<string, { generation: string | null; startedAt: number }>} renders started on a miss */
    this.renders = new Map();
    /** @type {Map<string, number>} tag -> when it was last revalidated on this instance */
    this.tagTimes = new Map();
    /** Entries whose render started at or before this time are stale (a publication here). */
    this.publishedAt = -Infinity;
    this.bytes = 0;
  }

  /**
   * @param {string} key
   * @param {{ softTags?: string[]; tags?: string[] } | undefined} [ctx]
   * @returns {Promise<{ lastModified: number; value: unknown } | null>}
   */
  async get(key, ctx) {
    const generation = await this.generation.current();
    const entry = this.entries.get(key);
    const current = entry && (entry.generation === generation || this.generation.equivalent?.(entry.generation, generation));
    if (entry && current && !this.revalidatedSince(entry, ctx)) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { lastModified: entry.lastModified, value: entry.value };
    }
    // Stale if error: while the database is away a render would fail, so a page from before the last
    // publication is better than an error page. A stale entry is kept until a render replaces it (`set`),
    // so a render that fails as the database goes away leaves it to serve; the first request after the
    // database answers again renders the current page.
    if (entry && this.generation.unreachable?.()) return { lastModified: entry.lastModified, value: entry.value };
    // What the coming render reads is at least this generation: remember it for `set`, so a
    // publication that lands during the render makes the result stale instead of hiding it.
    if (this.renders.size >= MAX_RENDERS) this.renders.clear();
    this.renders.set(key, { generation, startedAt: this.now() });
    return null;
  }

  /**
   * @param {string} key
   * @param {unknown} data
   * @param {{ tags?: string[] } | undefined} [ctx]
   */
  async set(key, data, ctx) {
    const render = this.renders.get(key);
    this.renders.delete(key);
    this.remove(key);
    // Without a miss recorded here we cannot tell which content the value was rendered from.
    if (!data || !render) return;
    // "Not found" pages are not kept: any path can be asked for, and made-up ones must not push
    // the real pages out of the budget.
    if (typeof data === "object" && "status" in data && data.status === 404) return;
    const size = approximateSize(data) + key.length * 2;
    if (size > this.maxBytes / 4) return;
    const tags = new Set([...(ctx?.tags ?? []), ...headerTags(data)]);
    this.entries.set(key, { value: data, lastModified: this.now(), asOf: render.startedAt, generation: render.generation, tags, size });
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.size;
    }
  }

  /**
   * `revalidateTag` / `revalidatePath` on this instance: entries with these tags are dropped on their
   * next read, and the generation is read again so this instance does not wait for the signal.
   * @param {string | string[]} tags
   */
  async revalidateTag(tags) {
    const at = this.now();
    for (const tag of Array.isArray(tags) ? tags : [tags]) this.tagTimes.set(tag, at);
    await this.generation.refresh();
  }

  /**
   * A publication committed on this instance: every page rendered before now is stale here at
   * once, and the call resolves when the generation has caught up (see GenerationSource).
   * @param {number} revisionId
   */
  async published(revisionId) {
    this.publishedAt = this.now();
    await (this.generation.published ? this.generation.published(revisionId) : this.generation.refresh());
  }

  resetRequestCache() {}

  get size() {
    return this.entries.size;
  }

  /** @param {string} key */
  remove(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  /**
   * @param {Entry} entry
   * @param {{ softTags?: string[]; tags?: string[] } | undefined} ctx
   */
  revalidatedSince(entry, ctx) {
    if (entry.asOf <= this.publishedAt) return true;
    if (this.tagTimes.size === 0) return false;
    for (const tag of [...entry.tags, ...(ctx?.softTags ?? []), ...(ctx?.tags ?? [])]) {
      const at = this.tagTimes.get(tag);
      if (at !== undefined && at >= entry.asOf) return true;
    }
    return false;
  }
}
