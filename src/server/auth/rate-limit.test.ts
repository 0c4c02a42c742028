/**
 * SIGN_INS_PER_10_SECONDS sets how many sign-in attempts one address may make in 10 seconds (better-auth's
 * sign-in rule, kept in the database; 3 by default). Read when the auth instance is made, so it is set before
 * the auth module loads.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("SIGN_INS_PER_10_SECONDS", "4");
const { getAuth } = await import(".");
const { createPgliteTestDb } = await import("../db/testing");
type TestDb = Awaited<ReturnType<typeof createPgliteTestDb>>;

const ORIGIN = "http://127.0.0.1:3000";

describe("the per-address limit of sign-in attempts", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPgliteTestDb({ seed: false });
  });
  afterAll(async () => {
    await t?.close();
    vi.unstubAllEnvs();
  });

  const signIn = (email: string, address: string) =>
    getAuth(t.db).handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": address },
        body: JSON.stringify({ email, password: "not the password" }),
      }),
    );

  it("answers 429 with the seconds to wait past the configured number in 10 seconds, for that address only", async () => {
    // A different account each time: the per-account limits (5 in 5 minutes) do not come into it.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn(`someone-${i}@example.test`, "198.51.100.20")).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const refused = await signIn("someone-else@example.test", "198.51.100.20");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("x-retry-after"))).toBeGreaterThan(0);
    expect((await signIn("someone-else@example.test", "198.51.100.21")).status).toBe(401);
  });
});
