import { describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable, orUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "./unavailable";

/** An error as postgres.js or Node raise it: a message and a code. */
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
/** Wrapped the way drizzle ("Failed query") and tRPC wrap a driver's error. */
const wrapped = (cause: unknown) => new Error("tRPC", { cause: new Error("Failed query: select 1", { cause }) });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", "ECONNREFUSED"],
    ["connection reset", "ECONNRESET"],
    ["postgres.js: closed", "CONNECTION_CLOSED"],
    ["postgres.js: ended", "CONNECTION_ENDED"],
    ["postgres.js: connect timeout", "CONNECT_TIMEOUT"],
    ["shutting down / starting up", "57P03"],
    ["terminated by the administrator (fast shutdown)", "57P01"],
    ["connection failure (class 08)", "08006"],
    ["too many connections", "53300"],
  ])("%s (%s), however deep in the causes", (_what, code) => {
    expect(isDatabaseUnavailable(coded(code))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(coded(code)))).toBe(true);
  });

  it.each([
    ["unique violation", "23505"],
    ["syntax error", "42601"],
    ["serialization failure (a retryable conflict, not an outage)", "40001"],
    ["a tRPC code", "INTERNAL_SERVER_ERROR"],
  ])("not for %s (%s)", (_what, code) => {
    expect(isDatabaseUnavailable(wrapped(coded(code)))).toBe(false);
  });

  it("not for errors without a code, nor for things that are not errors", () => {
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
    // A cycle of causes ends.
    const a: Error & { cause?: unknown } = new Error("a");
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe("orUnavailable", () => {
  it("answers 503 with Retry-After and a message when the database is away", async () => {
    const res = await orUnavailable(async () => {
      throw wrapped(coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"));
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: UNAVAILABLE_MESSAGE });
  });

  it("passes answers through and rethrows every other failure", async () => {
    expect((await orUnavailable(async () => new Response("ok"))).status).toBe(200);
    await expect(orUnavailable(async () => Promise.reject(coded("23505")))).rejects.toThrow("23505");
  });
});

describe("failFast", () => {
  it("refuses at once for a moment after the database was found away, then lets a request try again", async () => {
    const { failFast, resetFailFast, FAIL_FAST_MS } = await import("./unavailable");
    resetFailFast();
    expect(() => failFast()).not.toThrow();
    const t = Date.now();
    expect(isDatabaseUnavailable(coded("ECONNREFUSED"))).toBe(true);
    let refusal: unknown;
    try {
      failFast(t + 10);
    } catch (error) {
      refusal = error;
    }
    // The refusal is itself "unavailable": it becomes a 503 wherever the driver's error would.
    expect(isDatabaseUnavailable(refusal)).toBe(true);
    expect(() => failFast(t + FAIL_FAST_MS + 50)).not.toThrow();
    // Other failures do not trip it.
    resetFailFast();
    expect(isDatabaseUnavailable(coded("23505"))).toBe(false);
    expect(() => failFast()).not.toThrow();
    resetFailFast();
  });
});

describe("failFast under traffic", () => {
  it("is not kept open by its own refusals: once the window has passed, a request tries the database again", async () => {
    const { failFast, resetFailFast, FAIL_FAST_MS } = await import("./unavailable");
    vi.useFakeTimers();
    try {
      resetFailFast();
      const t = new Date("2026-12-06T12:00:00Z").getTime();
      vi.setSystemTime(t);
      isDatabaseUnavailable(coded("ECONNREFUSED")); // the driver found it away
      // Requests keep arriving and are refused; each refusal passes through the same check.
      for (let ms = 100; ms < FAIL_FAST_MS; ms += 100) {
        vi.setSystemTime(t + ms);
        let refusal: unknown;
        try {
          failFast();
        } catch (error) {
          refusal = error;
        }
        expect(isDatabaseUnavailable(refusal)).toBe(true);
      }
      vi.setSystemTime(t + FAIL_FAST_MS + 1);
      expect(() => failFast()).not.toThrow();
    } finally {
      vi.useRealTimers();
      resetFailFast();
    }
  });
});

describe("withinDeadline", () => {
  it("answers 503 for a request still waiting on a database that was found away, and lets a merely slow one finish", async () => {
    const { withinDeadline, DEADLINE, resetFailFast } = await import("./unavailable");
    vi.useFakeTimers();
    try {
      resetFailFast();
      // Slow, database fine: it keeps waiting past the deadline and gets its answer.
      const slow = withinDeadline(new Promise<string>((resolve) => setTimeout(() => resolve("done"), DEADLINE.ms + 3_000)));
      await vi.advanceTimersByTimeAsync(DEADLINE.ms + 3_000);
      await expect(slow).resolves.toBe("done");
      // Waiting on a database that was found away meanwhile: refused at the deadline, as unavailable.
      const stuck = withinDeadline(new Promise<string>(() => {}));
      const outcome = stuck.catch((e: unknown) => e);
      isDatabaseUnavailable(coded("ECONNREFUSED"));
      await vi.advanceTimersByTimeAsync(DEADLINE.ms);
      expect(isDatabaseUnavailable(await outcome)).toBe(true);
      // orUnavailable turns that into the 503.
      const res = orUnavailable(() => new Promise<Response>(() => {}));
      isDatabaseUnavailable(coded("ECONNRESET"));
      await vi.advanceTimersByTimeAsync(DEADLINE.ms);
      expect((await res).status).toBe(503);
    } finally {
      vi.useRealTimers();
      resetFailFast();
    }
  });
});
