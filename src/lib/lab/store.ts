/**
 * The session kept in the browser (IndexedDB): seed, node count, command log, each pane's history, the
 * article section it came from, and what each pane showed (drawn at once on the next visit, while the
 * worker replays the log; the replay's own view replaces it if they differ). Saved after every command; read back through zod, so a damaged or
 * foreign record starts a fresh cluster instead of breaking the page.
 */
import { z } from "zod";
import { HISTORY_LIMIT } from "./line-editor";
import { MAX_LINE, sessionCoreSchema } from "./protocol";

export const sourceSchema = z.object({
  /** A question page path with its section fragment, e.g. /en/q/what-is-overlay#two-nodes. */
  href: z.string().max(500).regex(/^\/(en|uk)\/q\/[\w-]+(#[\p{L}\p{N}_-]*)?$/u),
  title: z.string().max(300),
});
export type SessionSource = z.infer<typeof sourceSchema>;

/** The tail of a pane's stream kept with the session: more than a screenful with its scrollback. */
export const MAX_SAVED_VIEW = 100_000;

const paneId = z.string().regex(/^node-[1-5]$/);

export const storedSessionSchema = sessionCoreSchema.extend({
  version: z.literal(1),
  history: z.record(paneId, z.array(z.string().max(MAX_LINE)).max(HISTORY_LIMIT)),
  source: sourceSchema.nullable(),
  /** Absent in sessions saved before views were kept: those wait for the replay. */
  views: z.record(paneId, z.object({ stream: z.string().max(MAX_SAVED_VIEW), prompt: z.string().max(MAX_LINE) })).optional(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/**
 * A stream cut to its last `max` characters at a line start, so no escape sequence or row is cut in two.
 * Used for saving: the pane shows the tail, as its scrollback would.
 */
export function streamTail(stream: string, max = MAX_SAVED_VIEW): string {
  if (stream.length <= max) return stream;
  const from = stream.indexOf("\n", stream.length - max);
  return from === -1 ? "" : stream.slice(from + 1);
}

export function parseStoredSession(value: unknown): StoredSession | null {
  const parsed = storedSessionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const DB = "overlay-lab";
const STORE = "sessions";
/** The free lab's session; each exercise keeps its own under `exercise:<slug>`. */
export const FREE_LAB_KEY = "current";
export const exerciseSessionKey = (slug: string) => `exercise:${slug}`;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function loadSession(key: string = FREE_LAB_KEY): Promise<StoredSession | null> {
  try {
    const db = await open();
    const value = await new Promise<unknown>((resolve, reject) => {
      const req = db.transaction(STORE).objectStore(STORE).get(key);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return parseStoredSession(value);
  } catch {
    return null;
  }
}

export async function saveSession(session: StoredSession, key: string = FREE_LAB_KEY): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).put(session, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
