/**
 * Publishing through the app's own HTTP API, as a contributor and a moderator would from their
 * browsers: sign up (better-auth), suggest an edit and approve it (tRPC). Plain fetch, so both the
 * Playwright tests and the benchmark scripts use it.
 */
import { randomInt, randomUUID } from "node:crypto";
import type postgres from "postgres";
import { e2eSql } from "./db";

export interface Account {
  name: string;
  email: string;
  /** The Cookie header that carries the session. */
  cookie: string;
}

/** Creates an account on the instance at `base` and returns its session cookie. */
export async function signUp(base: string, name: string): Promise<Account> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomUUID().slice(0, 8)}@example.test`;
  // Each account signs up from an address of its own, as separate people would: the sign-up rate
  // limit (a few per address per ten seconds) is not what these tests are about.
  const address = `198.51.100.${randomInt(1, 255)}`;
  const res = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, "x-forwarded-for": address },
    body: JSON.stringify({ name, email, password: `pw-${randomUUID()}` }),
  });
  if (!res.ok) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie.includes("session_token")) throw new Error("sign-up set no session cookie");
  return { name, email, cookie };
}

/** The role is granted in the database, as `npm run user:create -- --role moderator` would. */
export async function makeModerator(sql: postgres.Sql, account: Account): Promise<void> {
  await sql`update "user" set role = 'moderator' where email = ${account.email}`;
}

/** One tRPC call over HTTP (superjson envelope), as the browser's client makes it. */
export async function trpc<T>(base: string, account: Account | null, procedure: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const envelope = JSON.stringify({ json: input });
  const headers: Record<string, string> = { origin: base, ...(account ? { cookie: account.cookie } : {}) };
  const res =
    kind === "query"
      ? await fetch(`${base}/api/trpc/${procedure}?input=${encodeURIComponent(envelope)}`, { headers })
      : await fetch(`${base}/api/trpc/${procedure}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: envelope });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!res.ok || !body.result) throw new Error(`${procedure} answered ${res.status}: ${body.error?.json.message ?? "?"}`);
  return body.result.data.json;
}

/** A contributor suggests a new title for `slug` in `locale` on the instance at `base`; its id. */
export async function suggestTitle(base: string, contributor: Account, slug: string, locale: "en" | "uk", title: string): Promise<number> {
  const page = await trpc<{ revision: { id: number } }>(base, null, "question.bySlug", { slug, locale }, "query");
  const submitted = await trpc<{ suggestion: { id: number } }>(
    base,
    contributor,
    "suggestion.submit",
    { questionSlug: slug, locale, baseRevisionId: page.revision.id, changes: { title }, clientKey: randomUUID() },
    "mutation",
  );
  return submitted.suggestion.id;
}

/** The moderator approves suggestion `id`; resolves when the approval has answered (the publication is committed). */
export function approve(base: string, moderator: Account, id: number): Promise<{ revisionId: number; number: number }> {
  return trpc(base, moderator, "moderation.approve", { id }, "mutation");
}

/** Suggest a new title and approve it, on the instance at `base`. */
export async function publishTitle(
  base: string,
  who: { contributor: Account; moderator: Account },
  slug: string,
  locale: "en" | "uk",
  title: string,
): Promise<{ revisionId: number; number: number }> {
  return approve(base, who.moderator, await suggestTitle(base, who.contributor, slug, locale, title));
}

/** Rolls `slug`/`locale` back to revision `number` of its history, as a moderator. */
export async function rollbackTo(base: string, moderator: Account, slug: string, locale: "en" | "uk", number: number) {
  const history = await trpc<{ items: { id: number; number: number }[] }>(base, moderator, "revision.history", { questionSlug: slug, locale, limit: 50 }, "query");
  const target = history.items.find((r) => r.number === number);
  if (!target) throw new Error(`no revision ${number} of ${slug} (${locale})`);
  return trpc<{ revisionId: number; number: number }>(base, moderator, "revision.rollback", { revisionId: target.id }, "mutation");
}

/**
 * A follow-up question of its own for a spec (by position: suites that publish each take a different one, so
 * their revisions never meet) and a fresh moderator for it.
 */
export async function followUpAndModerator(base: string, offset: number, moderatorName: string): Promise<{ slug: string; moderator: Account }> {
  const sql = e2eSql();
  try {
    const [q] = await sql`select slug from questions where parent_id is not null order by position, id offset ${offset} limit 1`;
    const moderator = await signUp(base, `${moderatorName} ${randomUUID().slice(0, 4)}`);
    await makeModerator(sql, moderator);
    return { slug: q.slug as string, moderator };
  } finally {
    await sql.end();
  }
}
