import { z } from "zod";

/**
 * Server environment, validated once. Every variable is optional: with none set the app runs on an
 * embedded PGlite database under `.data/pglite`.
 */
// An empty variable (DATABASE_URL=) means "not set", as shells and .env files commonly write it.
const optional = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === "" ? undefined : v), inner.optional());

const schema = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")),
  /** Where the embedded database keeps its files; "memory" keeps it in memory (tests, e2e). */
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  /** Connections per process to a real server; keep it small for serverless and PgBouncer. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Whether each process migrates and syncs the shipped content on its first request (under an advisory
   * lock, so concurrent cold starts are safe). "off" where `npm run db:migrate` runs once at deploy
   * (serverless functions: no migration check on any cold start).
   */
  MIGRATE_ON_START: z.enum(["on", "off"], "must be on or off").default("on"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Signs session cookies and salts IP hashes. Required in production (unless the database is in memory). */
  BETTER_AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)")),
  /** The public URL of the app (e.g. https://overlay.example); inferred from the request when unset. */
  BETTER_AUTH_URL: optional(z.url("must be a URL such as https://overlay.example")),
  /**
   * The address readers reach the site at (e.g. https://overlay.example): canonical links, link
   * previews, the sitemap and robots.txt are absolute from it. Defaults to BETTER_AUTH_URL, then to
   * http://localhost:$PORT (development).
   */
  PUBLIC_URL: optional(z.url("must be a URL such as https://overlay.example")),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** More origins allowed to call /api/auth (comma-separated), e.g. a preview domain. */
  BETTER_AUTH_TRUSTED_ORIGINS: optional(z.string()).transform((v) =>
    (v ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  ),
  /**
   * Reverse proxies in front of the app that append the address they received from to
   * X-Forwarded-For; the client is that many entries from the right (entries further left are
   * whatever the client sent).
   */
  TRUSTED_PROXIES: z.coerce.number().int().min(1).max(10).default(1),
  /**
   * Accounts one address may create per hour. A classroom or an office behind one NAT may need more;
   * the e2e suite, whose every browser shares 127.0.0.1, sets it high.
   */
  SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(5),
  /**
   * Sign-in attempts one address may make in 10 seconds, whatever the accounts (better-auth's own rule for
   * sign-in). The per-account limits hold whatever this is. A classroom behind one NAT signing in at the start
   * of a lesson may need more; the e2e suite, whose every browser shares 127.0.0.1, sets it high.
   */
  SIGN_INS_PER_10_SECONDS: z.coerce.number().int().min(1).max(100_000).default(3),
  /**
   * Suggestions one address may send per hour without an account (and one new account in its first day).
   * Like SIGN_UPS_PER_HOUR, raised for a classroom behind one NAT, and by the e2e suite.
   */
  ANONYMOUS_SUGGESTIONS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Previews one client address may ask for per minute (every preview counts, refused texts included). */
  PREVIEWS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /**
   * A header the hosting platform sets to the client's address, replacing any value the client sent
   * (e.g. x-vercel-forwarded-for, cf-connecting-ip, fly-client-ip). When set, it is used instead.
   */
  CLIENT_IP_HEADER: optional(z.string().regex(/^[a-z0-9-]+$/i, "must be a header name such as cf-connecting-ip")).transform(
    (v) => v?.toLowerCase(),
  ),
  /**
   * An SMTP server for email (decision news to contributors, address verification), as a URL:
   * smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://user:pass@host:465.
   * Unset: no email is sent, and the news waits in the app.
   */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example:587")),
  /** The sender of those emails, e.g. "Overlay Lab <no-reply@overlay.example>"; required with SMTP_URL. */
  MAIL_FROM: optional(z.string().max(200).regex(/^[^\r\n]*@[^\r\n]+$/, "must be an address such as Overlay Lab <no-reply@overlay.example>")),
});

/** Only for development and tests: a production server refuses to start with it (see below). */
export const DEV_AUTH_SECRET = "overlay-lab-development-secret-not-for-production";

const withAuthDefaults = schema
  .superRefine((e, ctx) => {
    // An in-memory database (e2e) loses every session with the process, so a fixed secret is harmless there.
    if (e.NODE_ENV === "production" && !e.BETTER_AUTH_SECRET && e.PGLITE_DIR !== "memory") {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "is required in production (at least 32 characters; try: openssl rand -base64 32)",
      });
    }
    if (e.SMTP_URL && !e.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required with SMTP_URL (e.g. Overlay Lab <no-reply@overlay.example>)" });
    }
  })
  .transform((e) => ({ ...e, BETTER_AUTH_SECRET: e.BETTER_AUTH_SECRET ?? DEV_AUTH_SECRET }));

export type Env = z.infer<typeof withAuthDefaults>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = withAuthDefaults.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The reason a server must not start with this environment, on one line; null when it may. */
export function startupProblem(source: Record<string, string | undefined>): string | null {
  const result = withAuthDefaults.safeParse(source);
  if (result.success) return null;
  return `Refusing to start: ${result.error.issues.map((i) => `${i.path.join(".") || "(env)"} ${i.message}`).join("; ")}.`;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
