/**
 * HTTP fuzz of the production server: every route under src/app — pages in each locale with their
 * dynamic segments, tRPC (GET, POST, batches), better-auth's endpoints, image upload and download,
 * the manifest, robots, sitemap, service worker and share images — as an anonymous visitor, a
 * signed-in reader and a moderator, with random and hostile payloads (fast-check): malformed JSON,
 * wrong content types, null, oversize and chunked bodies, broken %-escapes, odd methods, hostile
 * headers. Never a 5xx, never a stack trace, every answer within the time limit, and the server
 * answers promptly afterwards.
 *
 * The seed is fixed so CI is repeatable; the environment explores further:
 *   FUZZ_SEED=$RANDOM FUZZ_HTTP_RUNS=2000 FUZZ_HTTP_SECONDS=300 npx playwright test e2e/http-fuzz.spec.ts --project=web
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import sharp from "sharp";
import { e2eSql, mainQuestionSlug } from "./db";
import { KNOWN } from "./fuzz/known";
import { appRoutes, type Route } from "./fuzz/routes";
import { describeShot, hungUp, problems, ROLES, send, type Role, type Shot } from "./fuzz/send";
import { anyShot, checkSegments, multipart, plainGets, sweep, type World } from "./fuzz/shots";
import type { Fixture } from "./fuzz/surface";
import { makeModerator, signUp, trpc } from "./publish";

const A = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_HTTP_RUNS ?? 600);
/** The random phase stops after this long even if runs are left (CI's budget). */
const SECONDS = Number(process.env.FUZZ_HTTP_SECONDS ?? 25);
/** No answer may take longer. Generous: CI's machine is shared with the lab suites running alongside. */
const LIMIT_MS = Number(process.env.FUZZ_HTTP_LIMIT_MS ?? 10_000);
/** Requests in flight at once. */
const PARALLEL = 3;

// The tests are not serial: after a failure the next ones still run, and the last checks that the server
// is well after all of them.

const run = Date.now().toString(36);
let routes: Route[] = [];
let world: World;
let questionId = 0;

/** A PNG whose header claims a huge image, with almost no data: a decompression bomb if decoded. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.alloc(1024))), chunk("IEND", Buffer.alloc(0))]);
}

async function uploads(): Promise<World["uploads"]> {
  const image = sharp({ create: { width: 8, height: 8, channels: 3, background: "#0b5cad" } });
  const png = await image.clone().png().toBuffer();
  return {
    png: { type: "image/png", data: png },
    jpeg: { type: "image/jpeg", data: await image.clone().jpeg().toBuffer() },
    webp: { type: "image/webp", data: await image.clone().webp().toBuffer() },
    gif: { type: "image/gif", data: await image.clone().gif().toBuffer() },
    svg: { type: "image/svg+xml", data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
    html: { type: "image/png", data: Buffer.from("<!doctype html><script>alert(1)</script>") },
    truncated: { type: "image/png", data: png.subarray(0, 40) },
    bomb: { type: "image/png", data: pngClaiming(60_000, 60_000) },
    polyglot: { type: "image/png", data: Buffer.concat([png, Buffer.from("<script>alert(1)</script>")]) },
    empty: { type: "image/png", data: Buffer.alloc(0) },
    noise: { type: "image/jpeg", data: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
    oversize: { type: "image/png", data: Buffer.concat([png.subarray(0, 33), Buffer.alloc(2_300_000)]) },
  };
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(90_000);
  routes = appRoutes(path.join(import.meta.dirname, "../src/app"));
  // The roles, each signing up from an address of its own; the throwaway account takes the requests
  // that could end a session (sign-out, revoking sessions…), so the others stay signed in throughout.
  const [reader, moderator, throwaway] = [await signUp(A, `Fuzz Reader ${run}`), await signUp(A, `Fuzz Moderator ${run}`), await signUp(A, `Fuzz Throwaway ${run}`)];
  const sql = e2eSql();
  let revisionIds: Fixture["revisionIds"];
  try {
    await makeModerator(sql, moderator);
    // A question of the fuzz's own: its approvals, rejections and rollbacks touch nothing the other suites read.
    const slug = `fuzz-${run}`;
    const [q] = await sql`insert into questions (slug, position) values (${slug}, 97) returning id`;
    questionId = q.id as number;
    const ids: Record<string, number> = {};
    for (const locale of ["en", "uk"] as const) {
      const [r] = await sql`insert into question_revisions (question_id, locale, number, title, short_answer, body, author_name, source, is_published)
        values (${questionId}, ${locale}, 1, ${`Fuzz question ${run}`}, 'A short answer.', ${"## A section\n\nSome text.\n"}, 'e2e', 'seed', true) returning id`;
      ids[locale] = r.id as number;
    }
    revisionIds = { en: ids.en, uk: ids.uk };
  } finally {
    await sql.end();
  }
  const clientKey = randomUUID();
  const { suggestion } = await trpc<{ suggestion: { id: number } }>(
    A,
    null,
    "suggestion.submit",
    { questionSlug: `fuzz-${run}`, locale: "en", baseRevisionId: revisionIds.en, changes: { title: `Fuzz suggestion ${run}` }, clientKey },
    "mutation",
  );
  const files = await uploads();
  const uploaded = await request.post("/api/images", {
    // From an address of the fuzz's own: uploads are limited per address, and the suggest suites upload from 127.0.0.1.
    headers: { cookie: reader.cookie, "content-type": "multipart/form-data; boundary=fuzzboundary", "x-forwarded-for": "203.0.113.249" },
    data: multipart([{ name: "file", filename: "a.png", type: "image/png", data: files.png.data }], "fuzzboundary"),
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const { uploadId } = (await uploaded.json()) as { uploadId: string };
  const exercises = [...new Set(((await (await request.get("/en/exercises")).text()).match(/\/en\/exercises\/[a-z0-9-]+/g) ?? []).map((h) => h.split("/").pop()!))];
  expect(exercises.length).toBeGreaterThan(0);

  const fixture: Fixture = { slug: `fuzz-${run}`, revisionIds, suggestionId: suggestion.id, clientKey, imageId: uploadId, readerEmail: reader.email };
  world = {
    origin: A,
    fixture,
    cookies: { anonymous: "", reader: reader.cookie, moderator: moderator.cookie, throwaway: throwaway.cookie },
    segments: {
      "/[locale]": ["en", "uk"],
      "[locale]/[...rest]": ["no-such-page", "a/b/c", "q", "moderation/nope"],
      "q/[slug]": [fixture.slug, await mainQuestionSlug()],
      "exercises/[slug]": exercises,
      "suggestion/[id]": [String(fixture.suggestionId)],
      "images/[id]": [uploadId],
      "trpc/[trpc]": ["question.list"],
      "auth/[...all]": ["ok"],
    },
    uploads: files,
  };
  checkSegments(routes, world);
});

test.afterAll(async () => {
  // The fuzz's question goes, with its revisions and suggestions: the moderation suites after this one find the queue as it was.
  if (!questionId) return;
  const sql = e2eSql();
  try {
    await sql`delete from questions where id = ${questionId}`;
  } finally {
    await sql.end();
  }
});

/** Sends the shots, PARALLEL at a time; what went wrong, one line each. */
async function fire(request: APIRequestContext, shots: Shot[], stats: Map<string, number>, seen = new Set<string>()): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < shots.length) {
      const shot = shots[next++];
      const outcome = await send(request, A, shot, LIMIT_MS);
      seen.add(`${shot.label.replace(/^tRPC ([^,]+),.*/, "tRPC $1")} as ${shot.role}`);
      const key = `${Math.floor(outcome.status / 100)}xx`;
      stats.set(key, (stats.get(key) ?? 0) + 1);
      for (const p of problems(shot, outcome, LIMIT_MS)) failures.push(`${p} — ${describeShot(shot)} → ${outcome.text.slice(0, 300)}`);
      if (hungUp(outcome) || shot.transport === "abort") {
        // The server hung up, or the fuzz did: it must still be there.
        const alive = await send(request, A, { label: "alive?", role: "anonymous", method: "GET", path: "/robots.txt", headers: {} }, LIMIT_MS);
        if (alive.status !== 200) failures.push(`the server stopped answering (${alive.status} ${alive.error ?? ""}) after ${describeShot(shot)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  // Answers that set cookies (a sign-in, say) must not make the next anonymous request someone's.
  await request.clearCookies();
  return failures;
}

const summary = (stats: Map<string, number>) => JSON.stringify(Object.fromEntries([...stats].sort()));

test("every route under src/app is known to the fuzz", () => {
  expect(routes.length).toBeGreaterThan(20);
  const templates = routes.map((r) => r.template);
  for (const t of ["/[locale]/q/[slug]", "/api/trpc/[trpc]", "/api/auth/[...all]", "/api/images", "/api/images/[id]", "/sw.js", "/robots.txt", "/sitemap.xml"]) {
    expect(templates).toContain(t);
  }
});

test("a session an answer sets never rides on a later request that carries no cookie of its own", async ({ request }) => {
  const email = `jar-${run}@example.test`;
  const signUp: Shot = {
    label: "auth /sign-up/email",
    role: "anonymous",
    method: "POST",
    path: "/api/auth/sign-up/email",
    headers: { origin: A, "content-type": "application/json", "x-forwarded-for": "203.0.113.248" },
    body: JSON.stringify({ email, password: `pw-${run}-jar`, name: "Jar" }),
  };
  expect((await send(request, A, signUp, LIMIT_MS)).status).toBe(200);
  // Playwright's jar now holds that session; a request sent without a cookie must not carry it.
  expect((await request.storageState()).cookies.map((c) => c.name)).toContain("better-auth.session_token");
  const session = await send(request, A, { label: "auth /get-session", role: "anonymous", method: "GET", path: "/api/auth/get-session", headers: {} }, LIMIT_MS);
  expect(session.status).toBe(200);
  expect(session.text).toBe("null");
  await request.clearCookies();
});

test("requests that once made a server error answer without one", async ({ request }) => {
  test.setTimeout(60_000);
  const shots = KNOWN.map(({ role = "anonymous" as Role, headers = {}, ...k }) => ({
    ...k,
    role,
    headers: Object.fromEntries(Object.entries({ "x-forwarded-for": "203.0.113.250", ...headers }).map(([h, v]) => [h, v === "SAME" ? A : v])),
  }));
  expect(await fire(request, shots, new Map())).toEqual([]);
});

test("a share image first asked for with OPTIONS or PUT is still an image to every GET after it", async ({ request }) => {
  // The fuzz's question's images have never been asked for: the odd method is the first request, the one
  // the page cache keeps (it kept Next's 204 and 405 once; see src/server/cache/page-cache-handler.mjs).
  const firsts = { [`/en/q/${world.fixture.slug}/opengraph-image/card`]: "OPTIONS", [`/uk/q/${world.fixture.slug}/opengraph-image/card`]: "PUT" };
  for (const [path, method] of Object.entries(firsts)) {
    expect((await request.fetch(path, { method, maxRedirects: 0 })).status(), `${method} ${path}`).toBeLessThan(500);
    for (const who of ROLES) {
      const res = await request.get(path, { headers: world.cookies[who] ? { cookie: world.cookies[who] } : {} });
      expect(res.status(), `GET ${path} as ${who}`).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
    }
  }
});

/** What a plain GET of each route that is not a page answers, when not 200. */
const PLAIN_GET: Record<string, number> = {
  "/api/images": 405, // uploads only
  "/api/trpc/[trpc]": 400, // question.list without its input
  "/_next/image": 400, // no image named
};

test("the sweep: every route, procedure and endpoint as each role, and every route with each odd method", async ({ request }) => {
  test.setTimeout(120_000);
  const shots = sweep(routes, world);
  const stats = new Map<string, number>();
  const seen = new Set<string>();
  const started = Date.now();
  const failures = await fire(request, shots, stats, seen);
  // Whatever came first, a route other than a page answers a GET as it should, to everyone.
  for (const shot of plainGets(routes.filter((r) => r.kind !== "page"), world)) {
    const { status } = await send(request, A, shot, LIMIT_MS);
    const expected = PLAIN_GET[shot.label] ?? 200;
    if (status !== expected) failures.push(`answered ${status}, not ${expected} — ${describeShot(shot)}`);
  }
  console.log(
    `http-fuzz sweep: ${shots.length} requests (${seen.size} route, procedure or endpoint × role pairs) in ${((Date.now() - started) / 1000).toFixed(1)} s, by status ${summary(stats)}`,
  );
  expect(failures).toEqual([]);
});

test("random and hostile requests (fast-check) never make a server error", async ({ request }) => {
  test.setTimeout((SECONDS + 60) * 1000);
  const failures: string[] = [];
  const stats = new Map<string, number>();
  const seen = new Set<string>();
  let sent = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(fc.array(anyShot(routes, world), { minLength: 1, maxLength: PARALLEL }), async (shots) => {
      sent += shots.length;
      failures.push(...(await fire(request, shots, stats, seen)));
    }),
    { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false },
  );
  console.log(
    `http-fuzz random: ${sent} requests (${seen.size} target × role pairs) in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}, up to ${RUNS} runs or ${SECONDS} s), by status ${summary(stats)}`,
  );
  expect(failures).toEqual([]);
  // Every kind of request was made, whatever the seed.
  const kinds = [...seen].map((s) => s.split(" ")[0]);
  for (const kind of ["tRPC", "auth", "/api/images", "raw"]) expect(kinds, kind).toContain(kind);
  expect(kinds.some((k) => k.startsWith("/[locale]")), "pages").toBe(true);
});

test("afterwards the server answers promptly, and the reader and the moderator are still signed in", async ({ request }) => {
  for (const [path, status] of [["/en", 200], ["/uk/lab", 200], [`/api/trpc/question.list?input=${encodeURIComponent('{"json":{"locale":"en"}}')}`, 200]] as const) {
    const started = Date.now();
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(status);
    expect(Date.now() - started, path).toBeLessThan(5_000);
  }
  // The roles were what they claim, from the first request to the last: the moderator's queue is theirs alone.
  const queue = `/api/trpc/moderation.queue?input=${encodeURIComponent('{"json":{"limit":1}}')}`;
  const expected: Record<string, number> = { anonymous: 401, reader: 403, moderator: 200 };
  for (const who of ROLES) {
    const res = await request.get(queue, { headers: world.cookies[who] ? { cookie: world.cookies[who] } : {} });
    expect(res.status(), who).toBe(expected[who]);
  }
});
