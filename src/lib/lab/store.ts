/**
 * The session kept in the browser (IndexedDB): seed, node count, command log, each pane's history, the
 * article section it came from, and what each pane showed (drawn at once on the next visit, while the
 * worker replays the log; the replay's own view replaces it if they differ). Saved after every command; read back through zod, so a damaged or
 * foreign record starts a fresh cluster instead of breaking the page.
 */
import * as z from "zod/mini";
import { HISTORY_LIMIT } from "./line-editor";
import { readLocal, takeRaw, writeRaw } from "./idb";
import { FREE_LAB_KEY as FREE_LAB_KEY_DEFAULT } from "./session-keys";
import { MAX_LINE, sessionCoreSchema } from "./protocol";

export const sourceSchema = z.object({
  /** A question page path with its section fragment, e.g. /en/q/what-is-overlay#two-nodes. */
  href: z.string().check(z.maxLength(500), z.regex(/^\/(en|uk)\/q\/[\w-]+(#[\p{L}\p{N}_-]*)?$/u)),
  title: z.string().check(z.maxLength(300)),
});
export type SessionSource = z.infer<typeof sourceSchema>;

/** The tail of a pane's stream kept with the session: more than a screenful with its scrollback. */
export const MAX_SAVED_VIEW = 100_000;

const paneId = z.string().check(z.regex(/^node-[1-5]$/));

export const storedSessionSchema = z.extend(sessionCoreSchema, {
  version: z.literal(1),
  history: z.record(paneId, z.array(z.string().check(z.maxLength(MAX_LINE))).check(z.maxLength(HISTORY_LIMIT))),
  source: z.nullable(sourceSchema),
  /** Absent in sessions saved before views were kept: those wait for the replay. */
  views: z.optional(z.record(paneId, z.object({ stream: z.string().check(z.maxLength(MAX_SAVED_VIEW)), prompt: z.string().check(z.maxLength(MAX_LINE)) }))),
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

export { exerciseSessionKey, FREE_LAB_KEY } from "./session-keys";

/** The saved session, validated; null when there is none, it is damaged, or IndexedDB is unavailable. */
export async function loadSession(key: string = FREE_LAB_KEY_DEFAULT): Promise<StoredSession | null> {
  try {
    return parseStoredSession(await takeRaw(key));
  } catch {
    return null;
  }
}

/**
 * The saved session from its localStorage copy, synchronously, validated: the lab draws its panes with it in
 * its first render. Null when there is no valid copy (then `loadSession` reads IndexedDB).
 */
export function loadSessionNow(key: string = FREE_LAB_KEY_DEFAULT): StoredSession | null {
  const local = readLocal(key);
  return local === undefined ? null : parseStoredSession(local);
}

export async function saveSession(session: StoredSession, key: string = FREE_LAB_KEY_DEFAULT): Promise<void> {
  await writeRaw(key, session);
}
