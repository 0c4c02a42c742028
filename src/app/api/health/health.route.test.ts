/**
 * Liveness never touches the database; readiness answers 503 while the database cannot be reached
 * (here: a server on a port where nothing listens) and 200 once it can (the embedded database).
 */
import { afterAll, describe, expect, it, vi } from "vitest";

describe("GET /api/health and /api/health/ready", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("liveness answers 200 without a database", async () => {
    const { GET } = await import("./route");
    const res = GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("readiness answers 503 with Retry-After while the database is away", async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:1/nothing-listens-here");
    const { GET } = await import("./ready/route");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(((await res.json()) as { error: string }).error).toMatch(/database is unavailable/);
    const { resetFailFast } = await import("@/server/db/unavailable");
    resetFailFast();
  });

  it("readiness answers 200 when the database answers", async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("PGLITE_DIR", "memory");
    const { GET } = await import("./ready/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", database: "reachable" });
    const { getDbHandle } = await import("@/server/db");
    await (await getDbHandle()).close();
  });
});
