/**
 * Requests for each route, as fast-check arbitraries (random and hostile) and as plain lists (the sweep
 * that calls every route, procedure and endpoint once as each role and with each odd method).
 */
import fc from "fast-check";
import {
  brokenBody,
  CONTENT_TYPES,
  HOSTILE_SEGMENTS,
  hostileHeaders,
  hostileQuery,
  hostileString,
  latin1,
  mutated,
  trpcEnvelope,
} from "./hostile";
import { dynamicSegments, fill, type Route } from "./routes";
import type { Role, Shot } from "./send";
import { ROLES } from "./send";
import { AUTH_ENDPOINTS, authExample, PROCEDURES, SESSION_ENDING, type Fixture } from "./surface";

export interface World {
  /** The server's own origin, for the Origin header a browser on the site would send. */
  origin: string;
  fixture: Fixture;
  /** The Cookie header of each role's session ("" for anonymous). */
  cookies: Record<Role, string>;
  /** Valid values of each dynamic segment, keyed as routes.dynamicSegments names them. */
  segments: Record<string, string[]>;
  /** Files to upload, by what they are. */
  uploads: Record<string, { type: string; data: Buffer }>;
}

export const ODD_METHODS = ["HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "POST"];
const TRPC = "/api/trpc/[trpc]";
const AUTH = "/api/auth/[...all]";
const UPLOAD = "/api/images";

/** Every dynamic segment of every route has values: a route added with a new one must say what they are. */
export function checkSegments(routes: Route[], world: World): void {
  for (const r of routes) {
    for (const key of dynamicSegments(r.template)) {
      if (!world.segments[key]?.length) throw new Error(`The HTTP fuzz has no values for ${key} (in ${r.template}); add them to the spec's segments.`);
    }
  }
}

/** The headers every shot carries: the role's session, an address of the fuzz's own (so its rate limits are its own). */
function baseHeaders(world: World, role: Role, address: number, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { "x-forwarded-for": `203.0.113.${address}` };
  if (world.cookies[role]) headers.cookie = world.cookies[role];
  for (const [k, v] of Object.entries(extra)) headers[k] = k === "cookie" && headers.cookie ? `${headers.cookie}; ${v}` : v;
  if (headers.origin === "SAME") headers.origin = world.origin;
  return headers;
}

const role = fc.constantFrom<Role>(...ROLES);
const address = fc.integer({ min: 1, max: 254 });
const uuid = fc.uuid({ version: 4 });

/** A route's path with valid segment values, some swapped for hostile ones. */
function pathOf(route: Route, world: World): fc.Arbitrary<string> {
  const keys = dynamicSegments(route.template);
  return fc
    .tuple(...keys.map((k) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...world.segments[k]) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) })))
    .map((values) => fill(route.template, Object.fromEntries(keys.map((k, i) => [k, values[i]]))));
}

/** Small changes to a path that routers and proxies trip over. */
const pathTwist = fc.constantFrom<(p: string) => string>(
  (p) => p,
  (p) => p,
  (p) => p,
  (p) => `${p}/`,
  (p) => p.replace(/^\//, "//"),
  (p) => `${p}.rsc`,
  (p) => `${p}.json`,
  (p) => `${p}/index`,
  (p) => p.toUpperCase(),
  (p) => `${p};x=1`,
  (p) => p.replace(/\//g, "%2F").replace(/^%2F/, "/"),
);

/** Pages and plain route handlers: any method, a hostile query, hostile headers. */
function plainShot(route: Route, world: World): fc.Arbitrary<Shot> {
  return fc
    .record({
      role,
      address,
      path: fc.tuple(pathOf(route, world), pathTwist, hostileQuery).map(([p, twist, q]) => twist(p) + q),
      method: fc.oneof({ weight: 8, arbitrary: fc.constant("GET") }, { weight: 3, arbitrary: fc.constantFrom(...ODD_METHODS) }),
      headers: hostileHeaders,
      action: fc.option(fc.constantFrom("abc", "0".repeat(40), "7f" + "a".repeat(40)), { freq: 3 }),
      body: fc.oneof(brokenBody, fc.constant("a=1&b=%E0%A4%A")),
      contentType: fc.constantFrom(...CONTENT_TYPES),
    })
    .map((s) => ({
      label: route.template,
      role: s.role,
      method: s.method,
      path: s.path,
      headers: baseHeaders(world, s.role, s.address, {
        ...s.headers,
        ...(s.method === "POST" && s.action ? { "next-action": s.action } : {}),
        ...(s.method === "GET" || s.method === "HEAD" ? {} : { "content-type": s.contentType }),
      }),
      body: s.method === "GET" || s.method === "HEAD" ? undefined : s.body,
    }));
}

/** One or a batch of procedures, with inputs made from each one's example, sent as a browser would or otherwise. */
function trpcShot(world: World): fc.Arbitrary<Shot> {
  const names = Object.keys(PROCEDURES);
  const input = (name: string) => uuid.chain((key) => mutated(PROCEDURES[name].example?.(world.fixture, key)));
  return fc
    .record({
      role,
      address,
      names: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
      batch: fc.boolean(),
      headers: hostileHeaders,
      contentType: fc.oneof({ weight: 5, arbitrary: fc.constant("application/json") }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
      broken: fc.option(brokenBody, { freq: 6 }),
      methodTwist: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS") }),
    })
    .chain((s) => {
      const names = s.batch ? s.names : s.names.slice(0, 1);
      return fc.tuple(...names.map((n) => trpcEnvelope(input(n)))).map((envelopes) => {
        const kinds = new Set(names.map((n) => PROCEDURES[n].type));
        const method = s.methodTwist ?? (kinds.has("mutation") ? "POST" : "GET");
        const payload = s.batch ? Object.fromEntries(envelopes.map((e, i) => [String(i), e])) : envelopes[0];
        const text = s.broken ?? JSON.stringify(payload) ?? "";
        // In the address, at most 64 KB of input: past 16 KB the server refuses it whole (431) anyway.
        const inAddress = encodeURIComponent(String(text).slice(0, 64 * 1024).replace(/[\uD800-\uDBFF]$/, ""));
        const query = (s.batch ? "?batch=1" : "?") + (method === "GET" ? `${s.batch ? "&" : ""}input=${inAddress}` : "");
        const shot: Shot = {
          label: `tRPC ${names.join(",")}`,
          role: s.role,
          method,
          path: `/api/trpc/${names.join(",")}${query === "?" ? "" : query}`,
          headers: baseHeaders(world, s.role, s.address, { ...s.headers, ...(method === "GET" || method === "HEAD" ? {} : { "content-type": s.contentType }) }),
          body: method === "GET" || method === "HEAD" ? undefined : text,
        };
        return shot;
      });
    });
}

/** better-auth's endpoints: a valid body broken in places, as JSON or a form, or no body at all; a query of junk. */
function authShot(world: World): fc.Arbitrary<Shot> {
  return fc
    .record({
      endpoint: fc.constantFrom(...AUTH_ENDPOINTS),
      role,
      address,
      key: uuid,
      param: fc.oneof(fc.constantFrom("github", "credential", "x"), fc.constantFrom(...HOSTILE_SEGMENTS)),
      query: hostileQuery,
      headers: hostileHeaders,
      form: fc.boolean(),
      broken: fc.option(brokenBody, { freq: 6 }),
      methodTwist: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS") }),
    })
    .chain((s) =>
      mutated(authExample(s.endpoint.path, s.key, world.fixture)).map((body): Shot => {
        const who: Role = SESSION_ENDING.has(s.endpoint.path) && s.role !== "anonymous" ? "throwaway" : s.role;
        const method = s.methodTwist ?? s.endpoint.methods[s.address % s.endpoint.methods.length];
        const hasBody = method !== "GET" && method !== "HEAD";
        const encoded =
          s.broken ??
          (s.form && body && typeof body === "object"
            ? new URLSearchParams(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v) ?? ""])).toString()
            : (JSON.stringify(body) ?? ""));
        return {
          label: `auth ${s.endpoint.path}`,
          role: who,
          method,
          path: `/api/auth${s.endpoint.path.replace(/:(id|token)/, s.param)}${s.query}`,
          headers: baseHeaders(world, who, s.address, {
            origin: "SAME",
            ...s.headers,
            ...(hasBody ? { "content-type": s.form ? "application/x-www-form-urlencoded" : "application/json" } : {}),
          }),
          body: hasBody ? encoded : undefined,
        };
      }),
    );
}

/** A multipart body as a browser builds it (or close to it). */
export function multipart(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`, "latin1"));
    chunks.push(Buffer.from(p.data));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Image uploads: real images and impostors, wrong fields, broken framing, too much; chunked or abandoned. */
function uploadShot(world: World): fc.Arbitrary<Shot> {
  const names = Object.keys(world.uploads);
  return fc
    .record({
      role,
      address,
      file: fc.constantFrom(...names),
      claimed: fc.constantFrom("image/png", "image/jpeg", "image/webp", "image/svg+xml", "text/html", "", "application/octet-stream"),
      field: fc.oneof({ weight: 5, arbitrary: fc.constant("file") }, { weight: 1, arbitrary: fc.constantFrom("File", "", "file[]", "image", "__proto__") }),
      filename: fc.oneof(fc.constantFrom("a.png", "../../x.png", "", "a\u0000.png", "🐳.png", "x".repeat(2000)), hostileString),
      twice: fc.boolean(),
      boundary: fc.oneof({ weight: 5, arbitrary: fc.constant("fuzzboundary") }, { weight: 1, arbitrary: fc.constantFrom("", "a b", "x".repeat(300), '"quoted"') }),
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant("multipart") }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
      headers: hostileHeaders,
      transport: fc.oneof(
        { weight: 6, arbitrary: fc.constant<Shot["transport"]>(undefined) },
        { weight: 1, arbitrary: fc.constant<Shot["transport"]>({ chunked: 16 * 1024 }) },
        { weight: 1, arbitrary: fc.constant<Shot["transport"]>("abort") },
      ),
    })
    .map((s): Shot => {
      const file = world.uploads[s.file];
      const part = { name: s.field, filename: latin1(s.filename), type: s.claimed || file.type, data: file.data };
      const body = multipart(s.twice ? [part, part] : [part], s.boundary);
      const contentType = s.contentType === "multipart" ? `multipart/form-data; boundary=${s.boundary}` : s.contentType;
      return {
        label: UPLOAD,
        role: s.role,
        method: "POST",
        path: UPLOAD,
        headers: baseHeaders(world, s.role, s.address, { ...s.headers, "content-type": contentType }),
        body,
        transport: s.transport,
      };
    });
}

/** Paths exactly as written, bodies in chunks, odd verbs, requests the client abandons: over a socket. */
function rawShot(routes: Route[], world: World): fc.Arbitrary<Shot> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      role,
      address,
      prefix: fc.constantFrom("", "/en/..", "/%2e%2e", "/./", "//", "/api/../", "/en/q/🐳/..", "/\\"),
      suffix: fc.constantFrom("", "/../..", "/%00", "/%", "/🐳", "#frag", "?%", "?a=%E0%A4%A"),
      method: fc.constantFrom("GET", "POST", "TRACE", "PROPFIND", "FOO", "get"),
      body: brokenBody,
      transport: fc.constantFrom<Shot["transport"]>("raw", { chunked: 7 }, { chunked: 64 * 1024 }, "abort"),
    })
    .chain((s) =>
      pathOf(s.route, world).map((p): Shot => {
        const hasBody = s.method !== "GET" && s.method !== "get";
        // Raw bytes: a path may hold UTF-8 as it is (the fuzz sends latin1 text, so encode first).
        const path = latin1(`${s.prefix}${p}${s.suffix}`.replace(/\s/g, "%20").replace(/^(?!\/)/, "/"));
        return {
          label: `raw ${s.route.template}`,
          role: s.role,
          method: s.method,
          path,
          headers: baseHeaders(world, s.role, s.address, hasBody ? { "content-type": "application/json", origin: "SAME" } : {}),
          body: hasBody ? s.body : undefined,
          transport: hasBody ? s.transport : "raw",
        };
      }),
    );
}

/** Any request at all, weighted toward the API, where input is richest. */
export function anyShot(routes: Route[], world: World): fc.Arbitrary<Shot> {
  const plain = routes.filter((r) => ![TRPC, AUTH, UPLOAD].includes(r.template));
  return fc.oneof(
    { weight: 5, arbitrary: trpcShot(world) },
    { weight: 3, arbitrary: authShot(world) },
    { weight: 4, arbitrary: fc.constantFrom(...plain).chain((r) => plainShot(r, world)) },
    { weight: 1, arbitrary: uploadShot(world) },
    { weight: 1, arbitrary: rawShot(routes, world) },
  );
}

/** A route's address with the first valid value of each dynamic segment. */
export function sweepPath(route: Route, world: World): string {
  const keys = dynamicSegments(route.template);
  return fill(route.template, Object.fromEntries(keys.map((k) => [k, world.segments[k][0]])));
}

/** A plain GET of every route as every role. */
export function plainGets(routes: Route[], world: World): Shot[] {
  let n = 0;
  return routes.flatMap((route) =>
    ROLES.map((who): Shot => ({ label: route.template, role: who, method: "GET", path: sweepPath(route, world), headers: baseHeaders(world, who, (n++ % 254) + 1) })),
  );
}

/**
 * The sweep: every route with valid values as every role; every procedure with its example and every
 * auth endpoint with its example as every role; every route with each odd method.
 */
export function sweep(routes: Route[], world: World): Shot[] {
  const shots: Shot[] = [];
  let n = 0;
  const headers = (who: Role, extra: Record<string, string> = {}) => baseHeaders(world, who, (n++ % 254) + 1, extra);
  // The odd methods first: a route's first request after a publication may be any method, and what it
  // leaves in the page cache must not change what the GETs after it get (see plainGets).
  for (const route of routes) {
    const path = sweepPath(route, world);
    for (const method of ODD_METHODS) {
      const body = method === "HEAD" ? undefined : "{}";
      shots.push({ label: route.template, role: "anonymous", method, path, headers: headers("anonymous", body ? { "content-type": "application/json" } : {}), body });
    }
  }
  shots.push(...plainGets(routes, world));
  for (const [name, spec] of Object.entries(PROCEDURES)) {
    const input = spec.example?.(world.fixture, "00000000-0000-4000-8000-00000000f00d");
    const envelope = encodeURIComponent(JSON.stringify({ json: input }));
    for (const who of ROLES) {
      shots.push(
        spec.type === "query"
          ? { label: `tRPC ${name}`, role: who, method: "GET", path: `/api/trpc/${name}?input=${envelope}`, headers: headers(who) }
          : { label: `tRPC ${name}`, role: who, method: "POST", path: `/api/trpc/${name}`, headers: headers(who, { "content-type": "application/json" }), body: JSON.stringify({ json: input }) },
      );
    }
  }
  for (const endpoint of AUTH_ENDPOINTS) {
    for (const who0 of ROLES) {
      const who: Role = SESSION_ENDING.has(endpoint.path) && who0 !== "anonymous" ? "throwaway" : who0;
      const path = `/api/auth${endpoint.path.replace(/:(id|token)/, "x")}`;
      const method = endpoint.methods.at(-1)!;
      // A key of each role's own (its sign-up's email comes from it): the three go out at once.
      const key = `00000000-0000-4000-8000-${String(ROLES.indexOf(who0)).padStart(12, "0")}`;
      const body = method === "POST" ? JSON.stringify(authExample(endpoint.path, key, world.fixture)) : undefined;
      shots.push({ label: `auth ${endpoint.path}`, role: who, method, path, headers: headers(who, { origin: "SAME", ...(body ? { "content-type": "application/json" } : {}) }), body });
    }
  }
  for (const [name, file] of Object.entries(world.uploads)) {
    shots.push({
      label: `${UPLOAD} ${name}`,
      role: "reader",
      method: "POST",
      path: UPLOAD,
      headers: headers("reader", { "content-type": "multipart/form-data; boundary=fuzzboundary" }),
      body: multipart([{ name: "file", filename: `${name}.bin`, type: file.type, data: file.data }], "fuzzboundary"),
    });
  }
  return shots;
}
