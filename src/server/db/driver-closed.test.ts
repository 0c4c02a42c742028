/**
 * postgres.js 3.4.9 wrote a query through a connection that had already closed from a scheduled immediate: it
 * threw there (an uncaught exception in the server) and the query never settled, so the request waiting on it
 * hung (porsager/postgres#1208). patches/postgres+3.4.9.patch settles such queries with CONNECTION_CLOSED, which
 * the app answers as "database unavailable" (503). A connection held across statements (a transaction, a
 * reserved connection) whose backend is ended shows it.
 */
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";
import { postgresReachable, TEST_PG_ADMIN_URL } from "./testing";

const pgUp = await postgresReachable();

describe.runIf(pgUp)("a query on a connection whose backend was ended", () => {
  let closed: () => void = () => {};
  const sql = postgres(TEST_PG_ADMIN_URL, { max: 1, prepare: false, onnotice: () => {}, onclose: () => closed() });
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await Promise.all([sql.end({ timeout: 1 }), admin.end({ timeout: 1 })]);
  });

  it("fails at once with CONNECTION_CLOSED, which the app treats as the database being away, and throws nothing uncaught", async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const reserved = await sql.reserve();
      const [{ pid }] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const noticed = new Promise<void>((r) => (closed = r));
      await admin`select pg_terminate_backend(${pid})`;
      // Once the driver has seen the socket close (a fixed wait let a busy machine send the next query
      // before that, when the backend's own "terminating connection" error answered it instead).
      await noticed;
      const outcome = await Promise.race([
        reserved`select 1`.then(
          () => ({ settled: "answered" }),
          (error: unknown) => ({ settled: "refused", error }),
        ),
        new Promise<{ settled: string }>((r) => setTimeout(() => r({ settled: "hung" }), 3_000)),
      ]);
      expect(outcome.settled).toBe("refused");
      expect((outcome as { error: { code: string } }).error.code).toBe("CONNECTION_CLOSED");
      expect(isDatabaseUnavailable((outcome as { error: unknown }).error)).toBe(true);
      reserved.release();
      await new Promise((r) => setImmediate(r));
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
