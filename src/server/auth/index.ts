/**
 * Accounts through better-auth (email + password, its scrypt hashing, sessions in Postgres, its
 * origin/CSRF checks). One auth instance per database handle, created lazily.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { eq } from "drizzle-orm";
import { env } from "@/env";
import { TRPCError } from "@trpc/server";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { createHmac } from "node:crypto";
import { nameSchema, roleSchema } from "../api/schemas/account";
import { clientIpFrom } from "../http/client-ip";
import { configuredMailer } from "../mail/mailer";
import { composeVerifyMail, localeOfRequest } from "../services/decision-mail";
import { enforce, type LimitCheck } from "../services/rate-limit";
import type { Role, SessionUser } from "../api/trpc";
import type { Db } from "../db/client";
import { account, rateLimit, session, user, verification } from "../db/schema";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/**
 * Set on every request better-auth sees to the address clientIpFrom() derives (any value the client
 * sent is replaced): better-auth's own reading took the first X-Forwarded-For entry, which the client
 * writes, and gave every client behind two proxies one shared sign-in bucket.
 */
const CLIENT_IP = "x-overlay-client-ip";

function withClientIp(request: Request): Request {
  const e = env();
  const headers = new Headers(request.headers);
  headers.set(CLIENT_IP, clientIpFrom(request.headers, { trustedProxies: e.TRUSTED_PROXIES, ipHeader: e.CLIENT_IP_HEADER }));
  return new Request(request, { headers });
}

/** Names are checked as the suggestion fields are (the database refuses a NUL byte: that was a 500). */
function checkName(name: unknown): void {
  if (name === undefined) return;
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) throw new APIError("BAD_REQUEST", { message: parsed.error.issues[0].message });
}

/**
 * Sign-in attempts per account, whatever address they come from (the per-address limit alone let
 * an attacker spread guesses over many addresses): windows that widen, so guessing slows down
 * more and more — 5 in 5 minutes, 15 in an hour, 40 in a day.
 */
export const ACCOUNT_SIGN_IN_LIMITS = [
  { windowSeconds: 300, limit: 5 },
  { windowSeconds: 3600, limit: 15 },
  { windowSeconds: 86_400, limit: 40 },
] as const;
/** How long a self-made, unverified account keeps the anonymous submission limits. */
export const NEW_ACCOUNT_HOURS = 24;
/** Accounts created per address in an hour. */
/** The default of SIGN_UPS_PER_HOUR: accounts one address may create per hour. */
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 5;

/**
 * Where a NUL character hides in a request's input (a dotted path such as "token" or "user.image"),
 * or null. PostgreSQL cannot store NUL in text, so better-auth's queries with one failed inside the
 * database: a 500, or a 422 with an SQL error in the log. A loop, not recursion: a body nested
 * thousands deep must not overflow the stack (the HTTP fuzz sent one).
 */
export function nulField(input: unknown): string | null {
  const pending: [unknown, string][] = [[input, ""]];
  while (pending.length > 0) {
    const [value, at] = pending.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return at || "input";
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) pending.push([inner, at ? `${at}.${key}` : key]);
    }
  }
  return null;
}

function accountChecks(email: string): LimitCheck[] {
  // Keyed by a salted hash: the counter table never holds an address book.
  const id = createHmac("sha256", env().BETTER_AUTH_SECRET).update(`account:${email.trim().toLowerCase()}`).digest("hex");
  return ACCOUNT_SIGN_IN_LIMITS.map(({ windowSeconds, limit }) => ({
    key: `signin:account:${id}:${windowSeconds}`,
    limit,
    windowSeconds,
    message: "Too many sign-in attempts for this account.",
  }));
}

function createAuth(db: Db) {
  const auth = createBetterAuth(db);
  const handler = auth.handler;
  auth.handler = (request: Request) => handler(withClientIp(request));
  return auth;
}

function createBetterAuth(db: Db) {
  const e = env();
  const mailer = configuredMailer();
  const devOrigins =
    e.NODE_ENV === "production" ? [] : ["http://localhost:3000", "http://127.0.0.1:3000"];
  return betterAuth({
    appName: "Overlay Lab",
    secret: e.BETTER_AUTH_SECRET,
    // Production infers its URL from the request unless BETTER_AUTH_URL says; development serves local hosts.
    baseURL:
      e.BETTER_AUTH_URL ??
      (e.NODE_ENV === "production"
        ? undefined
        : { allowedHosts: ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*"], fallback: "http://localhost:3000", protocol: "http" }),
    basePath: "/api/auth",
    trustedOrigins: [...e.BETTER_AUTH_TRUSTED_ORIGINS, ...devOrigins],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user, session, account, verification, rateLimit },
      transaction: true,
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      autoSignIn: true,
    },
    // With an SMTP server, new addresses are confirmed by email: a confirmed contributor gets the account
    // limits at once and the news of decisions by email. Sent in the background, so a slow mail server
    // neither holds up a sign-up nor tells by its timing whether an address was new.
    ...(mailer
      ? {
          emailVerification: {
            sendOnSignUp: true,
            autoSignInAfterVerification: true,
            sendVerificationEmail: async ({ user: u, url }: { user: { email: string; name: string }; url: string }, request?: Request) => {
              const mail = composeVerifyMail(localeOfRequest(request), u.email, u.name, url);
              void mailer.send(mail).catch((error: unknown) => console.warn(`mail: the confirmation email was not sent (${String(error)})`));
            },
          },
        }
      : {}),
    user: {
      additionalFields: {
        // input:false — sign-up and profile updates can never set it; only the server does.
        role: { type: "string", required: false, input: false, defaultValue: "contributor" },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // Sign-in attempts are limited in Postgres so the limit holds across serverless instances.
    // Reading one's own session (every page's account menu does) is no brute-force vector: never limited,
    // so a busy reader is not shown as signed out.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 30,
      customRules: {
        "/get-session": false,
        "/sign-up/email": { window: 3600, max: e.SIGN_UPS_PER_HOUR },
        "/sign-in/email": { window: 10, max: e.SIGN_INS_PER_10_SECONDS },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Names have their own rules and wording (checkName); every other field is checked here, query and path included.
        const { name: _name, ...body } = (ctx.body && typeof ctx.body === "object" ? ctx.body : {}) as Record<string, unknown>;
        const nul = nulField(body) ?? nulField(ctx.query ?? {}) ?? nulField(ctx.params ?? {});
        if (nul) throw new APIError("BAD_REQUEST", { message: `The field "${nul}" contains a NUL character; remove it and try again.` });
        if (ctx.path !== "/sign-in/email" || typeof ctx.body?.email !== "string") return;
        try {
          await enforce(db, accountChecks(ctx.body.email));
        } catch (error) {
          if (error instanceof TRPCError) throw new APIError("TOO_MANY_REQUESTS", { message: error.message });
          throw error;
        }
      }),
    },
    // Explicit, so the origin and CSRF checks also run under tests (better-auth skips them there by default).
    advanced: { disableOriginCheck: false, disableCSRFCheck: false, ipAddress: { ipAddressHeaders: [CLIENT_IP] } },
    databaseHooks: {
      user: {
        create: { before: async (data) => void checkName(data.name) },
        update: { before: async (data) => void checkName(data.name) },
      },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Db, Auth>();
export function getAuth(db: Db): Auth {
  let auth = instances.get(db);
  if (!auth) {
    auth = createAuth(db);
    instances.set(db, auth);
  }
  return auth;
}

/** Whether the request carries a better-auth session cookie at all (cheap; skips a DB lookup). */
export function hasSessionCookie(headers: Headers): boolean {
  return /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/.test(headers.get("cookie") ?? "");
}

function toRole(value: unknown): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : "contributor";
}

/** The signed-in user of a request, resolved on the server from the session cookie; null if none. */
export async function getSessionUser(db: Db, headers: Headers): Promise<SessionUser | null> {
  if (!hasSessionCookie(headers)) return null;
  const result = await getAuth(db).api.getSession({ headers });
  if (!result) return null;
  const u = result.user as { id: string; email: string; name: string; role?: unknown; emailVerified?: boolean; createdAt?: Date | string };
  const role = toRole(u.role);
  const ageMs = u.createdAt ? Date.now() - new Date(u.createdAt).getTime() : Infinity;
  const newAccount = role === "contributor" && !u.emailVerified && ageMs < NEW_ACCOUNT_HOURS * 3_600_000;
  return { id: u.id, email: u.email, name: u.name, role, ...(newAccount ? { newAccount } : {}) };
}

export class UserInputError extends Error {}

/**
 * Creates a user with a password and a role (the `user:create` command, the demo moderator, tests),
 * or — when the email exists — sets that user's role and, if given, password.
 */
export async function upsertUserWithPassword(
  db: Db,
  input: { email: string; password?: string; name?: string; role: Role },
): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UserInputError(`"${input.email}" is not an email address.`);
  if (input.password !== undefined && (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX)) {
    throw new UserInputError(`The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long.`);
  }
  const role = roleSchema.parse(input.role);
  const ctx = await getAuth(db).$context;
  const existing = await ctx.internalAdapter.findUserByEmail(email);
  if (existing) {
    const id = existing.user.id;
    await db.update(user).set({ role, updatedAt: new Date(), ...(input.name ? { name: input.name } : {}) }).where(eq(user.id, id));
    if (input.password !== undefined) {
      const hash = await ctx.password.hash(input.password);
      if (await ctx.internalAdapter.findCredentialAccount(id)) await ctx.internalAdapter.updatePassword(id, hash);
      else await ctx.internalAdapter.linkAccount({ userId: id, providerId: "credential", accountId: id, password: hash });
    }
    return { id, created: false };
  }
  if (input.password === undefined) throw new UserInputError("A new user needs --password.");
  const hash = await ctx.password.hash(input.password);
  const created = await ctx.internalAdapter.createUser({
    email,
    name: input.name?.trim() || email.split("@")[0],
    emailVerified: true,
    role,
  }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: created.id, providerId: "credential", accountId: created.id, password: hash });
  return { id: created.id, created: true };
}

export const DEMO_MODERATOR = { email: "moderator@overlay.lab", password: "overlay-lab-moderator", name: "Demo Moderator" };

/**
 * The embedded development setup gets a demo moderator, announced on the console once. Never in
 * production, never on a real server.
 */
export async function seedDemoModerator(db: Db, driver: "pglite" | "postgres", log = console.log): Promise<boolean> {
  if (driver !== "pglite" || env().NODE_ENV === "production") return false;
  const [found] = await db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_MODERATOR.email)).limit(1);
  if (found) return false;
  await upsertUserWithPassword(db, { ...DEMO_MODERATOR, role: "moderator" });
  log(
    `\n  Demo moderator created (embedded development database only):\n` +
      `    email:    ${DEMO_MODERATOR.email}\n    password: ${DEMO_MODERATOR.password}\n`,
  );
  return true;
}
