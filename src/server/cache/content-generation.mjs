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

export const CONTENT_CHANNEL = "overlay_content";
export const CONTENT_GENERATION_SQL =
  "select count(*)::text || ':' || coalesce(max(id), 0)::text as generation from question_revisions";

/**
 * @param {{ url: string; pollMs: number; listen?: boolean; connectTimeoutS?: number }} options
 * @returns {import("./page-cache.mjs").GenerationSource & { close(): Promise<void> }}
 */
export function postgresGeneration({ url, pollMs, listen = true, connectTimeoutS = 5 }) {
  const sql = postgres(url, {
    max: 1,
    prepare: false,
    connect_timeout: connectTimeoutS,
    onnotice: () => {},
    connection: { application_name: "overlay-lab page cache" },
  });
  /** @type {string | null} */
  let value = null;
  let started = 0;
  let applied = 0;
  let closed = false;

  // Reads are numbered: a read started later sees at least what an earlier one saw, so only the
  // latest started read that has answered counts (an older answer arriving late is ignored).
  async function read() {
    if (closed) return;
    const seq = ++started;
    try {
      const [row] = await sql.unsafe(CONTENT_GENERATION_SQL);
      if (seq > applied) {
        applied = seq;
        value = String(row.generation);
      }
    } catch {
      // Database unreachable or not migrated yet: keep the last known generation (serve what we
      // have rather than fail); the next poll or notification tries again.
    }
  }

  const first = read();
  const timer = setInterval(() => void read(), pollMs);
  timer.unref();
  if (listen) {
    // The second callback runs on every (re)connect of the listening connection: what was
    // published while it was down is read then.
    sql.listen(CONTENT_CHANNEL, () => void read(), () => void read()).catch(() => {});
  }

  return {
    async current() {
      if (applied === 0) await first;
      return value;
    },
    refresh: read,
    async close() {
      closed = true;
      clearInterval(timer);
      await sql.end({ timeout: 1 });
    },
  };
}
