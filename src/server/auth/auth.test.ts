import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { account, user } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import {
  ACCOUNT_SIGN_IN_LIMITS,
  DEMO_MODERATOR,
  getAuth,
  getSessionUser,
  NEW_ACCOUNT_HOURS,
  seedDemoModerator,
  SIGN_UPS_PER_ADDRESS_PER_HOUR,
  upsertUserWithPassword,
  UserInputError,
} from ".";

const drivers = await testDrivers();
const ORIGIN = "http://127.0.0.1:3000";
let ipSeq = 0;

describe.each(drivers)("accounts on $driver", ({ driver, available, create }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (available) t = await create({ seed: false });
  });
  afterAll(async () => t?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    getAuth(t.db).handler(
      new Request(`${ORIGIN}/api/auth${path}`, {
        method: "POST",
        // A fresh client address per request, so better-auth's sign-in limit only bites where a test wants it.
        headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": `203.0.113.${++ipSeq % 250}`, ...headers },
        body: JSON.stringify(body),
      }),
    );
  const cookieOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");

  it.skipIf(!available)("creates a user with a hashed password and a role; signs in; the session resolves to that role", async () => {
    const created = await upsertUserWithPassword(t.db, { email: "Mod@Example.test", password: "correct horse battery", role: "moderator" });
    expect(created.created).toBe(true);
    const [cred] = await t.db.select().from(account).where(eq(account.userId, created.id));
    expect(cred.providerId).toBe("credential");
    expect(cred.password).not.toContain("correct horse");
    expect(cred.password!.length).toBeGreaterThan(40);

    const res = await post("/sign-in/email", { email: "mod@example.test", password: "correct horse battery" });
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/better-auth\.session_token=/);
    const me = await getSessionUser(t.db, new Headers({ cookie }));
    expect(me).toEqual({ id: created.id, email: "mod@example.test", name: "mod", role: "moderator" });

    const wrong = await post("/sign-in/email", { email: "mod@example.test", password: "wrong password!" });
    expect(wrong.status).toBe(401);
  });

  it.skipIf(!available)("sign-up makes contributors: a role sent by the client is refused or ignored", async () => {
    const res = await post("/sign-up/email", { email: "eve@example.test", password: "long enough pw", name: "Eve", role: "admin" });
    const [eve] = await t.db.select().from(user).where(eq(user.email, "eve@example.test"));
    if (res.status === 200) expect(eve.role).toBe("contributor");
    else expect(eve).toBeUndefined();
    const ok = await post("/sign-up/email", { email: "olena@example.test", password: "long enough pw", name: "Olena" });
    expect(ok.status).toBe(200);
    const cookie = cookieOf(ok);
    expect((await getSessionUser(t.db, new Headers({ cookie })))?.role).toBe("contributor");
    // Nor can a signed-in user raise their own role through the profile endpoint.
    await post("/update-user", { role: "admin" }, { cookie });
    expect((await getSessionUser(t.db, new Headers({ cookie })))?.role).toBe("contributor");
  });

  it.skipIf(!available)("never rate-limits reading one's own session (every page's account menu asks), but does limit sign-in", async () => {
    await upsertUserWithPassword(t.db, { email: "reader@example.test", password: "reader password", role: "contributor" });
    const signedIn = await post("/sign-in/email", { email: "reader@example.test", password: "reader password" });
    const cookie = cookieOf(signedIn);
    const get = () =>
      getAuth(t.db).handler(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { cookie, origin: ORIGIN, "x-forwarded-for": "198.51.100.7" } }));
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await get()).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const attempts = [];
    for (let i = 0; i < 5; i++) attempts.push((await post("/sign-in/email", { email: "reader@example.test", password: "wrong password!" }, { "x-forwarded-for": "198.51.100.8" })).status);
    expect(attempts).toContain(429);
  });

  it.skipIf(!available)("refuses requests from a foreign origin (CSRF protection)", async () => {
    await upsertUserWithPassword(t.db, { email: "victim@example.test", password: "victim password", role: "contributor" });
    const browser = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };
    const login = await post("/sign-in/email", { email: "victim@example.test", password: "victim password" }, { ...browser, origin: "https://evil.example" });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
    // With the victim's session cookie, a cross-origin state change is refused too.
    const ok = await post("/sign-in/email", { email: "victim@example.test", password: "victim password" });
    const cookie = cookieOf(ok);
    const update = await post("/update-user", { name: "Pwned" }, { cookie, origin: "https://evil.example" });
    expect(update.status).toBe(403);
    const [victim] = await t.db.select().from(user).where(eq(user.email, "victim@example.test"));
    expect(victim.name).toBe("victim");
    // The same request from our own origin goes through.
    expect((await post("/update-user", { name: "Victor" }, { cookie })).status).toBe(200);
  });

  it.skipIf(!available)("refuses a NUL, a control character or an over-long name with a 400 that says why, on sign-up and update", async () => {
    const up = await post("/sign-up/email", { email: "nul@example.test", password: "long enough pw", name: "Nul\u0000Name" });
    expect(up.status).toBe(400);
    expect((await up.json()).message).toMatch(/Name contains a NUL character/);
    const ok = await post("/sign-up/email", { email: "nul@example.test", password: "long enough pw", name: "Fine" });
    expect(ok.status).toBe(200);
    const cookie = cookieOf(ok);
    const nul = await post("/update-user", { name: "a\u0000b" }, { cookie });
    expect(nul.status).toBe(400);
    expect((await nul.json()).message).toMatch(/Name contains a NUL character/);
    const long = await post("/update-user", { name: "x".repeat(200_000) }, { cookie });
    expect(long.status).toBe(400);
    expect((await long.json()).message).toMatch(/Name is too long: at most 100 characters/);
    const [u] = await t.db.select().from(user).where(eq(user.email, "nul@example.test"));
    expect(u.name).toBe("Fine");
    expect((await post("/update-user", { name: "Оксана" }, { cookie })).status).toBe(200);
  });

  it.skipIf(!available)("counts sign-in attempts per client behind the proxy: a spoofed first hop neither escapes nor shares the limit", async () => {
    let n = 0;
    // A different account each time: this is about the per-address limit, not the per-account one.
    const attempt = (xff: string) =>
      post("/sign-in/email", { email: `proxy${n++}@example.test`, password: "wrong password" }, { "x-forwarded-for": xff });
    const statuses: number[] = [];
    // One attacker rotating the entry it writes: still one address (the proxy's entry, right-most).
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`192.0.2.${i}, 198.51.100.77`)).status);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Another client, with its own two-hop header, is not locked out by the attacker.
    expect((await attempt("192.0.2.1, 198.51.100.78")).status).toBe(401);
  });

  it.skipIf(!available)("limits sign-in attempts per account across addresses, with windows that widen", async () => {
    await upsertUserWithPassword(t.db, { email: "target@example.test", password: "the right password", role: "contributor" });
    const statuses: number[] = [];
    // Each guess from a new address: the per-address limit never sees more than one.
    for (let i = 0; i < ACCOUNT_SIGN_IN_LIMITS[0].limit + 1; i++) {
      statuses.push((await post("/sign-in/email", { email: "target@example.test", password: `guess ${i}` })).status);
    }
    expect(statuses).toEqual([...Array(ACCOUNT_SIGN_IN_LIMITS[0].limit).fill(401), 429]);
    const locked = await post("/sign-in/email", { email: "TARGET@example.test", password: "the right password" });
    expect(locked.status).toBe(429);
    expect((await locked.json()).message).toMatch(/^Too many sign-in attempts for this account\. Try again in (a minute|\d+ minutes)\.$/);
    // Other accounts are not affected.
    expect((await post("/sign-in/email", { email: "other@example.test", password: "whatever pw" })).status).toBe(401);
  });

  it.skipIf(!available)("marks a self-made, unverified contributor account as new for its first day; accounts made by an admin are not", async () => {
    const res = await post("/sign-up/email", { email: "fresh@example.test", password: "long enough pw", name: "Fresh" });
    expect((await getSessionUser(t.db, new Headers({ cookie: cookieOf(res) })))?.newAccount).toBe(true);
    await t.db.update(user).set({ createdAt: new Date(Date.now() - (NEW_ACCOUNT_HOURS + 1) * 3_600_000) }).where(eq(user.email, "fresh@example.test"));
    expect((await getSessionUser(t.db, new Headers({ cookie: cookieOf(res) })))?.newAccount).toBeUndefined();
    await upsertUserWithPassword(t.db, { email: "made@example.test", password: "made by admin", role: "contributor" });
    const made = await post("/sign-in/email", { email: "made@example.test", password: "made by admin" });
    expect((await getSessionUser(t.db, new Headers({ cookie: cookieOf(made) })))?.newAccount).toBeUndefined();
  });

  it.skipIf(!available)("limits sign-ups per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_UPS_PER_ADDRESS_PER_HOUR; i++) {
      statuses.push((await post("/sign-up/email", { email: `many${i}@example.test`, password: "long enough pw", name: "Many" }, { "x-forwarded-for": "198.51.100.120" })).status);
    }
    expect(statuses).toEqual([...Array(SIGN_UPS_PER_ADDRESS_PER_HOUR).fill(200), 429]);
    expect((await post("/sign-up/email", { email: "elsewhere@example.test", password: "long enough pw", name: "Else" })).status).toBe(200);
  });

  it.skipIf(!available)("limits repeated sign-in attempts from one address, in Postgres", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await post("/sign-in/email", { email: "nobody@example.test", password: "wrong password" }, { "x-forwarded-for": "198.51.100.99" })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

    it.skipIf(!available)("has no user without a valid session cookie", async () => {
    expect(await getSessionUser(t.db, new Headers())).toBeNull();
    expect(await getSessionUser(t.db, new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
  });

  it.skipIf(!available)("updates the role (and password) of an existing user; explains bad input", async () => {
    const first = await upsertUserWithPassword(t.db, { email: "promote@example.test", password: "first password", role: "contributor" });
    const again = await upsertUserWithPassword(t.db, { email: "promote@example.test", password: "second password", role: "admin" });
    expect(again).toEqual({ id: first.id, created: false });
    const [u] = await t.db.select().from(user).where(eq(user.id, first.id));
    expect(u.role).toBe("admin");
    expect((await post("/sign-in/email", { email: "promote@example.test", password: "second password" })).status).toBe(200);
    await expect(upsertUserWithPassword(t.db, { email: "not-an-email", password: "long enough", role: "admin" })).rejects.toThrow(UserInputError);
    await expect(upsertUserWithPassword(t.db, { email: "a@b.test", password: "short", role: "admin" })).rejects.toThrow(/8 to 128 characters/);
    await expect(upsertUserWithPassword(t.db, { email: "new@b.test", role: "admin" })).rejects.toThrow(/needs --password/);
  });

  it.skipIf(!available)("refuses a NUL character anywhere in the input with a 400 that says where, before the database sees it", async () => {
    // Found by the HTTP fuzz: PostgreSQL refuses NUL in text, so these were a 500 (reset-password) or a
    // "Failed to create user" 422 with an SQL error in the log (an image URL at sign-up).
    const cases: [string, unknown, string][] = [
      ["/reset-password", { newPassword: "long enough pw", token: "\u0000" }, "token"],
      ["/reset-password?token=%00", { newPassword: "long enough pw" }, "token"],
      ["/sign-up/email", { email: "nul-field@example.test", password: "long enough pw", name: "Nul", image: "x\u0000" }, "image"],
      ["/sign-in/email", { email: "nul-field@example.test", password: "long\u0000enough" }, "password"],
    ];
    for (const [path, body, field] of cases) {
      const res = await post(path, body);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { message: string }).message, path).toBe(`The field "${field}" contains a NUL character; remove it and try again.`);
    }
    const [nobody] = await t.db.select().from(user).where(eq(user.email, "nul-field@example.test"));
    expect(nobody).toBeUndefined();
    // Looking through a body nested thousands deep overflowed the stack at first (a 500 the HTTP fuzz found).
    const nested = `{"provider":${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}}`;
    const deep = await getAuth(t.db).handler(
      new Request(`${ORIGIN}/api/auth/sign-in/social`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": "203.0.113.251" }, body: nested }),
    );
    expect(deep.status).toBe(400);
  });

  it.skipIf(!available)("seeds the demo moderator only on the embedded development database, once, and prints its credentials", async () => {
    const lines: string[] = [];
    const first = await seedDemoModerator(t.db, driver, (l) => lines.push(l));
    if (driver === "postgres") {
      expect(first).toBe(false);
      return;
    }
    expect(first).toBe(true);
    expect(lines.join("\n")).toContain(DEMO_MODERATOR.email);
    expect(lines.join("\n")).toContain(DEMO_MODERATOR.password);
    expect(await seedDemoModerator(t.db, driver, (l) => lines.push(l))).toBe(false);
    expect(lines).toHaveLength(1);
    const res = await post("/sign-in/email", { email: DEMO_MODERATOR.email, password: DEMO_MODERATOR.password });
    expect((await getSessionUser(t.db, new Headers({ cookie: cookieOf(res) })))?.role).toBe("moderator");
  });
});
