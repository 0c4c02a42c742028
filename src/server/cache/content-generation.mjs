// @ts-check
/**
 * The content generation: which published content the public pages show, read from PostgreSQL so
 * every instance agrees. Every publication (approval, edit-then-approve, rollback) inserts exactly
 * one revision and nothing deletes them, so the number of revisions grows by one per committed
 * publication, whatever order concurrent publications commit in (a largest id alone would miss a
 * smaller id committing later). The largest id is added so a generation is never reused.
 *
 * A publication also sends NOTIFY on CONTENT_CHANNEL inside its transaction, so listeners hear of
 * it the moment it commits; a poll covers connections that cannot LISTEN (PgBouncer in
 * transaction mode) and notifications lost while reconnecting.
 */
import postgres from "postgres";
import { awayWithin } from "../db/away.mjs";

/** How long after a request found the database away the pages the cache has are served as they are. */
const AWAY_MS = 1_000;

export const CONTENT_CHANNEL = "overlay_content";
export const CONTENT_GENERATION_SQL =
  "select count(*)::text || ':' || coalesce(max(id), 0)::text as generation from question_revisions";

/**
 * @param {{ url: string; pollMs: number; listen?: boolean; connectTimeoutS?: number; now?: () => number; hearWithinMs?: number }} options
 *   hearWithinMs: how long `published` waits to hear its own notification before reading back anyway
 * @returns {import("./page-cache.mjs").GenerationSource & { published(revisionId: number): Promise<void>; close(): Promise<void> }}
 */
export function postgresGeneration({ url, pollMs, listen = true, connectTimeoutS = 2, now = () => performance.now(), hearWithinMs = 250 }) {
  const sql = postgres(url, {
    max: 1,
    prepare: false,
    connect_timeout: connectTimeoutS,
    onnotice: () => {},
    connection: { application_name: "overlay-lab page cache" },
    // A connection closed under us (the server shutting down or restarting): read at once, so that
    // `unreachable()` turns true within milliseconds rather than at the next poll, and the page cache
    // serves what it has instead of starting renders that would fail.
    onclose: () => void read(),
  });
  /** @type {string | null} */
  let value = null;
  /** A notification's stand-in generation → the exact one read back after it (no notification in between). */
  const readBack = new Map();
  let started = 0;
  let applied = 0;
  /** Reads started at or before the last notification saw the content before it. */
  let floor = 0;
  let notices = 0;
  /** @type {string[]} payloads (published revision ids) of the latest notifications, newest last */
  const heard = [];
  /** @type {Set<() => void>} */
  const waiting = new Set();
  let closed = false;
  /** Whether the last read failed: the database is away (or not migrated yet). */
  let failing = false;
  /** When a read last answered, and when one was last started. */
  let answeredAt = -Infinity;
  let attemptedAt = -Infinity;
  /** @type {Promise<void> | null} */
  let catchingUp = null;

  // Reads are numbered: a read started later sees at least what an earlier one saw, so only the
  // latest started read that has answered counts (an older answer arriving late is ignored).
  async function read() {
    if (closed) return;
    const seq = ++started;
    attemptedAt = now();
    try {
      const [row] = await sql.unsafe(CONTENT_GENERATION_SQL);
      answeredAt = now();
      failing = false;
      if (seq > applied && seq > floor) {
        applied = seq;
        const before = value;
        value = String(row.generation);
        // This read started after the latest notification: pages rendered since that notification read
        // the content it announced, which is what this generation is. They stay fresh under it.
        if (before?.startsWith("notified:") && before !== value) {
          readBack.set(before, value);
          if (readBack.size > 100) readBack.delete(readBack.keys().next().value ?? "");
        }
      }
    } catch {
      // Database unreachable or not migrated yet: keep the last known generation (serve what we
      // have rather than fail); the next poll or notification tries again.
      if (seq === started) failing = true;
    }
  }

  // A notification changes the generation at once, to a value no page was rendered from, so the
  // very next request renders afresh even before the exact generation has been read back.
  /** @param {string} [payload] */
  function notified(payload) {
    floor = started;
    notices += 1;
    value = `notified:${notices}`;
    heard.push(String(payload ?? ""));
    if (heard.length > 100) heard.shift();
    for (const wake of waiting) wake();
    void read();
  }

  const first = read();
  const timer = setInterval(() => void read(), pollMs);
  timer.unref();
  if (listen) {
    // The second callback runs on every (re)connect of the listening connection: what was
    // published while it was down is read then.
    sql.listen(CONTENT_CHANNEL, notified, () => void read()).catch(() => {});
  }

  return {
    async current() {
      if (applied === 0) await first;
      // A process that was frozen (serverless) or starved missed its polls and maybe its
      // notifications: read once before answering. During an outage, one request per poll tries.
      const t = now();
      if (t - answeredAt > 2 * pollMs && t - attemptedAt > pollMs && !closed) {
        catchingUp ??= read().finally(() => {
          catchingUp = null;
        });
      }
      // While the database is away, answer with what is known rather than wait on a read that will fail.
      if (catchingUp && !(failing || awayWithin(AWAY_MS))) await catchingUp;
      return value;
    },
    refresh: read,
    equivalent: (older, newer) => older !== null && newer !== null && readBack.get(older) === newer,
    // Its own last read failed, or a request of the app's found the database away a moment ago.
    unreachable: () => failing || awayWithin(AWAY_MS),
    async published(revisionId) {
      if (listen) {
        // PostgreSQL hands a notification to every listening connection at the same moment, so
        // once this instance has heard its own, the others have theirs. Bounded: without a working
        // LISTEN the others still learn within one poll.
        const mine = String(revisionId);
        await new Promise((resolve) => {
          const wake = () => {
            if (!heard.includes(mine)) return;
            waiting.delete(wake);
            clearTimeout(timeout);
            resolve(undefined);
          };
          const timeout = setTimeout(() => {
            waiting.delete(wake);
            resolve(undefined);
          }, hearWithinMs);
          waiting.add(wake);
          wake();
        });
      }
      // Then read back (after the notification, so its answer counts): from its next request on,
      // this instance serves the new revision and caches it under the exact generation.
      await read();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await sql.end({ timeout: 1 });
    },
  };
}
