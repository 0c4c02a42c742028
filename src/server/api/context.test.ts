/** createContext resolves the signed-in user from the session cookie, on the app's own database. */
import { afterAll, describe, expect, it } from "vitest";

process.env.DATABASE_URL = "";
process.env.PGLITE_DIR = "memory";

const { createContext, clientIp } = await import("./context");
const { getDb, getDbHandle } = await import("../db");
const { getAuth } = await import("../auth");

afterAll(async () => (await getDbHandle()).close());

describe("createContext", () => {
  it("is anonymous without a cookie and carries the caller's IP", async () => {
    // One trusted proxy (the default): its entry is the right-most; what the client wrote is left of it.
    const ctx = await createContext(new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.9" }));
    expect(ctx.user).toBeNull();
    expect(ctx.ip).toBe("203.0.113.9");
    expect(clientIp(new Headers())).toBe("unknown");
  });

  it("resolves the session cookie to the user with the role stored on the server", async () => {
    const auth = getAuth(await getDb());
    const res = await auth.handler(
      new Request("http://127.0.0.1:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000", "x-forwarded-for": "203.0.113.10" },
        body: JSON.stringify({ email: "ctx@example.test", password: "context password", name: "Ctx", role: "admin" }),
      }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const ctx = await createContext(new Headers({ cookie }));
    expect(ctx.user).toMatchObject({ email: "ctx@example.test", name: "Ctx", role: "contributor" });
  });

  it("seeded the demo moderator on the embedded development database", async () => {
    const { DEMO_MODERATOR } = await import("../auth");
    const res = await getAuth(await getDb()).handler(
      new Request("http://127.0.0.1:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000", "x-forwarded-for": "203.0.113.11" },
        body: JSON.stringify({ email: DEMO_MODERATOR.email, password: DEMO_MODERATOR.password }),
      }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect((await createContext(new Headers({ cookie }))).user?.role).toBe("moderator");
  });
});
