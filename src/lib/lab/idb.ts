/**
 * Where the lab keeps sessions in the browser: IndexedDB, the full record, with one connection per page,
 * opened once (an open costs tens of milliseconds, and the session is saved after every command); and a
 * copy of each record in localStorage, which is read synchronously, so a returning learner's panes are
 * drawn without waiting for IndexedDB to open. No zod here: the lab page's loader imports this to read the
 * saved session before the lab UI's chunk has loaded; store.ts validates what it read.
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

/** The localStorage copy of the record under `key`. */
export const LOCAL_PREFIX = "overlay-lab:";

/** The localStorage copy of `key`, parsed; undefined when there is none or storage is unavailable. */
export function readLocal(key: string): unknown {
  try {
    const text = localStorage.getItem(LOCAL_PREFIX + key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether `key` has a localStorage copy (not parsed: a cheap check). False when storage is unavailable. */
export function hasLocalCopy(key: string): boolean {
  try {
    return localStorage.getItem(LOCAL_PREFIX + key) !== null;
  } catch {
    return false;
  }
}

/**
 * Writes the localStorage copy. When storage is full, the other lab records' copies are dropped (their full
 * records stay in IndexedDB) and the write is tried once more; a copy that still cannot be written is
 * removed, so an older copy never shadows the newer record in IndexedDB.
 */
export function writeLocal(key: string, value: unknown): void {
  const name = LOCAL_PREFIX + key;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      localStorage.setItem(name, text);
      return;
    } catch {
      try {
        if (attempt === 0) {
          for (const other of Object.keys(localStorage)) if (other.startsWith(LOCAL_PREFIX) && other !== name) localStorage.removeItem(other);
        } else localStorage.removeItem(name);
      } catch {
        return;
      }
    }
  }
}

export async function writeRaw(key: string, value: unknown): Promise<void> {
  writeLocal(key, value);
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

/** The localStorage copy of `key` if there is one, else the IndexedDB record. */
function readEither(key: string): Promise<unknown> {
  const local = readLocal(key);
  return local === undefined ? readRaw(key) : Promise.resolve(local);
}

/**
 * Starts reading `key` now (the lab page's loader calls it as its chunk runs, before hydration), so the
 * read overlaps the lab UI's chunk instead of following it. The UI takes the result once.
 */
export function prefetch(key: string): void {
  if (!early.has(key)) early.set(key, readEither(key).catch(() => undefined));
}

/** The prefetched read of `key` if there is one (once), else a fresh read. */
export function takeRaw(key: string): Promise<unknown> {
  const p = early.get(key);
  early.delete(key);
  return p ?? readEither(key);
}
