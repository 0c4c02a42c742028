// @ts-check
/**
 * When a request last found the database away (a connection refused or cut, the server shutting
 * down), shared by the app (db/unavailable.ts: fail fast with 503) and the page cache (serve what it has
 * rather than start renders that would fail). Plain JavaScript on globalThis: the page cache handler is
 * loaded by Next outside the app's bundle, in the same process.
 */
const KEY = Symbol.for("overlay-lab.database-away-at");
const state = /** @type {Record<symbol, number | undefined>} */ (/** @type {unknown} */ (globalThis));

/** Records that the database was just found away. */
export function noteAway(at = Date.now()) {
  state[KEY] = at;
}

/**
 * Whether the database was found away less than `withinMs` ago.
 * @param {number} withinMs
 */
export function awayWithin(withinMs, now = Date.now()) {
  const at = state[KEY];
  return at !== undefined && now - at < withinMs;
}

/** Forgets it (tests). */
export function forgetAway() {
  state[KEY] = undefined;
}
