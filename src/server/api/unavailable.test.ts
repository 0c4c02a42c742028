/**
 * A procedure whose database is away (restarting, failing over) answers SERVICE_UNAVAILABLE (503) with
 * a message saying so; other failures stay what they were.
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client";
import { UNAVAILABLE_MESSAGE } from "../db/unavailable";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
let openDb: () => Promise<Db> = async () => Promise.reject(refused());
vi.mock("server-only", () => ({}));
vi.mock("../db", () => ({ getDb: () => openDb() }));
vi.mock("../auth", () => ({ getSessionUser: async () => null }));

const { appRouter } = await import("./root");
const { createCallerFactory } = await import("./trpc");
const { createContext } = await import("./context");

/** A database handle whose every query fails as `fail` says (drizzle wraps a driver's error as its cause). */
function failingDb(fail: () => Error): Db {
  // Any chain of builder calls (db.select().from()…) ends in a thenable that rejects.
  const thenable: object = new Proxy(() => {}, {
    get: (_t, prop) => (prop === "then" ? (_ok: unknown, no: (e: unknown) => void) => no(new Error("Failed query: select …", { cause: fail() })) : thenable),
    apply: () => thenable,
  });
  return thenable as unknown as Db;
}

const caller = (db: Db) => createCallerFactory(appRouter)({ db, user: null, ip: "203.0.113.9", headers: new Headers() });

describe("a database that is away", () => {
  it("makes a query answer SERVICE_UNAVAILABLE with a message that says so", async () => {
    const error = await caller(failingDb(refused))
      .question.list({ locale: "en" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
    expect((error as TRPCError).message).toBe(UNAVAILABLE_MESSAGE);
  });

  it("leaves every other failure as it was", async () => {
    const error = await caller(failingDb(() => Object.assign(new Error("duplicate key"), { code: "23505" })))
      .question.list({ locale: "en" })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
  });

  it("makes the request context (opening the database, reading the session) answer SERVICE_UNAVAILABLE", async () => {
    openDb = async () => Promise.reject(refused());
    const error = await createContext(new Headers()).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
    openDb = async () => Promise.reject(new Error("BETTER_AUTH_SECRET is not set"));
    await expect(createContext(new Headers())).rejects.toThrow("BETTER_AUTH_SECRET");
  });
});
