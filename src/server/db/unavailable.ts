/**
 * "The database cannot be reached right now", told apart from every other failure. During a restart or
 * failover of PostgreSQL, requests that need it fail at once (the driver's connection is refused or cut)
 * and are answered 503 with Retry-After, a state the caller can wait out, instead of a 500 that says the
 * server is broken. The app recovers by itself: the driver opens new connections on the next query.
 */

import { awayWithin, forgetAway, noteAway } from "./away.mjs";

/** What a reader or client is told while the database is away. */
export const UNAVAILABLE_MESSAGE = "The database is unavailable for a moment (restarting or failing over). Nothing was changed; try again in a few seconds.";

/** Seconds a client should wait before trying again (Retry-After). */
export const RETRY_AFTER_SECONDS = 2;

/** Network errors of the connection itself (Node's codes; postgres.js raises them as they are). */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
/**
 * postgres.js's own codes for a connection that closed, ended or could not be made in time, and ours for
 * a request refused at once because the database was just found away (see `failFast`).
 */
const DRIVER_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "DATABASE_UNAVAILABLE"]);
/**
 * PostgreSQL's SQLSTATEs for the same: class 08 (connection exception), the server shutting down or
 * starting up (57P01–57P03) and too many connections (53300).
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Whether `error`, or any error in its chain of causes, says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 8 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      // Only the driver's own failures say the database is away: a fail-fast refusal must not extend the
      // window it was refused in, or a busy server would never try the database again.
      if (code !== FAIL_FAST_CODE) noteUnavailable();
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Fail fast: for a moment after a request found the database away, others are refused at once instead
 * of each waiting on a connection attempt (up to the connect timeout, in a queue of the pool's size).
 * Then the next request tries again for real, so the app finds the database back by itself.
 */
export const FAIL_FAST_MS = 1_000;
const FAIL_FAST_CODE = "DATABASE_UNAVAILABLE";

const noteUnavailable = () => noteAway();

/** Throws at once, as the driver would after waiting, while the database was found away a moment ago. */
export function failFast(now = Date.now()): void {
  if (!awayWithin(FAIL_FAST_MS, now)) return;
  throw Object.assign(new Error("The database was unreachable a moment ago; not trying again yet."), { code: FAIL_FAST_CODE });
}

/** For tests: forget that the database was away. */
export const resetFailFast = forgetAway;

/**
 * Never hang: a request still waiting on the database DEADLINE.ms after it started, while the database was
 * found away within the last DEADLINE.awayWithinMs, is answered 503 (its query may still finish; a retried
 * submit or decision is idempotent). A request that is merely slow on a busy server keeps waiting.
 */
export const DEADLINE = { ms: 5_000, awayWithinMs: 10_000, recheckMs: 1_000 };

export async function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const check = () => {
      if (awayWithin(DEADLINE.awayWithinMs)) reject(Object.assign(new Error("The database did not answer in time while it was away."), { code: FAIL_FAST_CODE }));
      else timer = setTimeout(check, DEADLINE.recheckMs);
    };
    timer = setTimeout(check, DEADLINE.ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The 503 a route handler answers while the database is away (JSON for API clients). */
export function unavailableResponse(): Response {
  return Response.json(
    { error: UNAVAILABLE_MESSAGE },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

/** Runs a route handler; a failure because the database is away becomes a 503, anything else is rethrown. */
export async function orUnavailable(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await withinDeadline(handler());
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.warn(`database unavailable: answered 503 (${describe(error)})`);
    return unavailableResponse();
  }
}

/** A short line for the log: the innermost error's code and message. */
export function describe(error: unknown): string {
  let e: unknown = error;
  let last = "";
  for (let depth = 0; depth < 8 && e && typeof e === "object"; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof message === "string") last = `${typeof code === "string" ? code + ": " : ""}${message}`;
    e = (e as { cause?: unknown }).cause;
  }
  return last.slice(0, 200);
}
