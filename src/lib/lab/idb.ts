/**
 * The lab's IndexedDB database: one connection per page, opened once (an open costs tens of milliseconds,
 * and the session is saved after every command). No zod here: the lab page's loader imports this to start
 * reading the saved session before the lab UI's chunk has loaded; store.ts validates what it read.
 */
const DB = "overlay-lab";
const STORE = "sessions";

let connection: Promise<IDBDatabase> | null = null;

/** The page's connection, opened on first use; a failed or closed one is opened again next time. */
export function database(): Promise<IDBDatabase> {
  connection ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the database, or the browser closing it: let go, reopen on next use.
      db.onversionchange = () => {
        db.close();
        connection = null;
      };
      db.onclose = () => {
        connection = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error);
  }).catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}

/** The stored value under `key`, unvalidated (undefined when there is none). */
export async function readRaw(key: string): Promise<unknown> {
  const db = await database();
  return new Promise<unknown>((resolve, reject) => {
    const req = db.transaction(STORE).objectStore(STORE).get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function writeRaw(key: string, value: unknown): Promise<void> {
  const db = await database();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

const early = new Map<string, Promise<unknown>>();

/**
 * Starts reading `key` now (the lab page's loader calls it as its chunk runs, before hydration), so the
 * read overlaps the lab UI's chunk instead of following it. The UI takes the result once.
 */
export function prefetch(key: string): void {
  if (!early.has(key)) early.set(key, readRaw(key).catch(() => undefined));
}

/** The prefetched read of `key` if there is one (once), else a fresh read. */
export function takeRaw(key: string): Promise<unknown> {
  const p = early.get(key);
  early.delete(key);
  return p ?? readRaw(key);
}
