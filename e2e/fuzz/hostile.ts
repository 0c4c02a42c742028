/**
 * Hostile values for the HTTP fuzz (fast-check): strings, JSON, superjson envelopes, mutations of a
 * valid input, and the headers a browser, a proxy or an attacker might send.
 */
import fc from "fast-check";

export { HOSTILE_NUMBERS, HOSTILE_STRINGS } from "../../src/lib/testing/hostile-values";
import { HOSTILE_NUMBERS, HOSTILE_STRINGS } from "../../src/lib/testing/hostile-values";
/** Keys the app's inputs use, and keys that name prototypes. */
export const KEYS = [
  "json", "meta", "id", "slug", "locale", "questionSlug", "baseRevisionId", "revisionId", "changes", "clientKey", "clientKeys",
  "title", "body", "shortAnswer", "image", "op", "uploadId", "note", "reasonCode", "reasonText", "edits", "cursor", "limit",
  "keys", "ids", "markdown", "email", "password", "name", "token", "callbackURL", "app", "version", "exercises", "attempts",
  "__proto__", "constructor", "prototype",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: "binary" }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/** Sets a key as an own property, even "__proto__", so it reaches the JSON text. */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}
const objectOf = (entries: [string, unknown][]) => entries.reduce((o, [k, v]) => withKey(o, k, v), {} as Record<string, unknown>);

export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("v")), { maxLength: 5 }).map(objectOf),
  ),
})).v;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const DROP = Symbol("drop");

/**
 * A valid input with some of its parts broken: a field dropped, replaced by a hostile value or a value
 * of another type, an extra key added (prototype names included), the whole replaced.
 */
export function mutated(value: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 5) return fc.constant(value);
  if (Array.isArray(value)) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.tuple(...value.map((v) => mutated(v, depth + 1))) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: fc.constantFrom([], value.length ? Array(60).fill(value[0]) : [null]) },
      { weight: 1, arbitrary: jsonValue },
    );
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    const fields = keys.map((k) =>
      fc.oneof({ weight: 5, arbitrary: mutated(value[k], depth + 1) }, { weight: 1, arbitrary: fc.constant<unknown>(DROP) }).map((v) => [k, v] as [string, unknown]),
    );
    return fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .tuple(fc.tuple(...fields), fc.option(fc.tuple(fc.constantFrom(...KEYS), jsonValue), { freq: 4 }))
          .map(([entries, extra]) => objectOf([...(entries as [string, unknown][]).filter(([, v]) => v !== DROP), ...(extra ? [extra] : [])])),
      },
      { weight: 1, arbitrary: jsonValue },
    );
  }
  return fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 2, arbitrary: leaf });
}

/**
 * superjson's meta: type annotations the server will try to apply (NaN, Infinity and dates as numbers
 * and strings, big integers, sets, maps, regular expressions, classes it does not know), referential
 * equalities that could make cycles, and paths through prototypes.
 */
export const superjsonMeta: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    values: fc.array(
      fc.tuple(
        fc.constantFrom("", "id", "locale", "changes.title", "keys.0", "__proto__", "constructor.prototype", "a.b.c.d"),
        fc.constantFrom<unknown>(["number"], ["Date"], ["bigint"], ["set"], ["map"], ["regexp"], ["undefined"], ["symbol", "x"], ["class", "X"], ["custom", "nope"], "Error", ["typed-array", "Uint8Array"], 5, null),
      ),
      { maxLength: 3 },
    ).map(objectOf),
  }),
  fc.record({ referentialEqualities: fc.constantFrom<unknown>({ "": ["self"] }, { id: ["changes", "changes.x"] }, { "keys.0": ["keys.0.id"] }, ["x"]) }),
  jsonValue,
);

/** A request body carrying `input` the way tRPC's client would, or some other way. */
export const trpcEnvelope = (input: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: input.map((json) => ({ json })) },
    { weight: 2, arbitrary: fc.tuple(input, superjsonMeta).map(([json, meta]) => ({ json, meta })) },
    { weight: 1, arbitrary: input },
    { weight: 1, arbitrary: jsonValue },
  );

/** Request bodies that are not JSON, or not the JSON expected, or too much of it. */
export const brokenBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom<string | Buffer>(
    "",
    "null",
    "[]",
    "0",
    '"json"',
    "{",
    '{"json":',
    '{"json": {"id": 1,}}',
    "\uFEFF{}",
    '{"0": null}',
    '{"__proto__": {"json": 1}}',
    '{"json": 1, "json": 2}',
    "[".repeat(100_000),
    '{"json":' + "[".repeat(5_000) + "]".repeat(5_000) + "}",
    Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    Buffer.alloc(1_200_000, 0x20),
  ),
  fc.string({ maxLength: 200, unit: "binary" }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
);

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; boundary=----x",
  "application/octet-stream",
  "application/jsonl",
  "a/b/c;;;=",
  "",
];

/** Header values as raw clients send them: anything outside Latin-1 goes as its UTF-8 bytes. */
export const latin1 = (s: string) => Buffer.from(s.replace(/[\r\n\u0000]/g, ""), "utf8").toString("latin1");

/** Hostile headers, each with the values a mischievous client might give it. */
export const HOSTILE_HEADERS: Record<string, string[]> = {
  cookie: [
    `big=${"x".repeat(7000)}`,
    `huge=${"x".repeat(20_000)}`,
    Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join("; "),
    ";;;=;=a;",
    "NEXT_LOCALE=../../etc",
    "NEXT_LOCALE=%E0%A4%A",
    "NEXT_LOCALE=xx; NEXT_LOCALE=uk",
    "better-auth.session_token=%E0%A4%A",
    `better-auth.session_token=${"a".repeat(4000)}.${"b".repeat(100)}`,
    "better-auth.session_token=abc.def; better-auth.session_data=garbage",
    "__Secure-better-auth.session_token=x",
  ],
  origin: ["https://evil.example", "null", "garbage", "http://127.0.0.1:1", "http://[::1", `https://${"a".repeat(3000)}.example`, "file://"],
  "x-forwarded-for": ["garbage", ", , ,", "999.999.999.999", "::ffff:1.2.3.4", "1.1.1.1, <script>", "a".repeat(5000), "unknown", "198.51.100.1,".repeat(200)],
  "x-forwarded-host": ["evil.example", "evil..example:99999", "[::1", "a b", `${"a".repeat(300)}.example`],
  "x-forwarded-proto": ["gopher", "", "https, http", "javascript"],
  "x-real-ip": ["garbage", "999.1.1.1"],
  "accept-language": ["*", "en;q=x", "zz-ZZZZ-1234567890", "a".repeat(1000), ",,,", "en-US;q=0.9,uk;q=NaN", "uk-UA-x-!!!", "🐳", "i-klingon, x-pig-latin"],
  range: ["bytes=0-0", "bytes=-1", "bytes=999999999-", "bytes=a-b", Array.from({ length: 200 }, (_, i) => `${i}-${i}`).join(",").replace(/^/, "bytes=")],
  accept: ["*/*", "text/x-component", "application/jsonl", "garbage/;;", "text/html;q=abc"],
  "if-none-match": ['"x"', "*", "garbage", 'W/"' + "a".repeat(2000)],
  "if-modified-since": ["garbage", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 01 Jan 10000 00:00:00 GMT"],
  "user-agent": ["", "a".repeat(8000), "() { :; }; echo pwned"],
  referer: ["javascript:alert(1)", "http://[::1", "%E0%A4%A"],
  // Next's own request headers, as a client could forge them.
  rsc: ["1", "0", "garbage"],
  "next-router-state-tree": ["garbage", "%5B%22%22%5D", encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, "refetch"])), "%"],
  "next-router-prefetch": ["1", "garbage"],
  "next-router-segment-prefetch": ["/_tree", "/garbage%", "/../../x"],
  "next-url": ["/en/q/x", "garbage", "//evil.example"],
  "next-action": ["abc", "0".repeat(42), "x".repeat(500)],
  "x-middleware-subrequest": ["middleware:middleware:middleware:middleware:middleware", "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy"],
  "x-nextjs-data": ["1"],
  "x-now-route-matches": ["nxtPlocale=en", "garbage%"],
  "x-invoke-path": ["/api/images"],
  "content-encoding": ["gzip", "br", "garbage"],
  "trpc-accept": ["application/jsonl", "garbage"],
  "x-trpc-source": ["garbage"],
};

/** A handful of hostile headers at once (usually none or one). */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc
  .array(fc.constantFrom(...Object.entries(HOSTILE_HEADERS)).chain(([name, values]) => fc.constantFrom(...values).map((v) => [name, v] as const)), {
    maxLength: 3,
  })
  .map((pairs) => Object.fromEntries(pairs.map(([k, v]) => [k, latin1(v)])));

/** Path segments that break routing, encoding or lookups. */
export const HOSTILE_SEGMENTS = [
  "",
  "%00",
  "%E0%A4%A",
  "%",
  "%ZZ",
  "%C0%AE%C0%AE",
  "..",
  "%2e%2e",
  "%2F",
  "a%2Fb",
  "%5C",
  ";",
  ";jsessionid=1",
  "%3Cscript%3E",
  "a%20b",
  "%F0%9F%90%B3",
  "%F0%9F%90",
  "%EF%BB%BF",
  "-1",
  "0",
  "1e3",
  "99999999999999999999",
  "__proto__",
  "constructor",
  "CON",
  "index",
  "_next",
  "api",
  "a".repeat(4000),
  "x".repeat(300),
  "EN",
  "en-US",
  "UK",
];

/** Query strings: the parameters the pages read, Next's own, and junk; repeated keys and broken escapes. */
const QUERY_KEYS = [
  "next", "mode", "topic", "revise", "section", "key", "question", "locale", "id", "input", "batch", "_rsc", "__nextDataReq", "__nextLocale",
  "nxtPslug", "nxtPlocale", "callbackURL", "token", "error", "url", "w", "q", "x",
];
const QUERY_VALUES = [
  "", "1", "64", "75", "signup", "cards", "interview", "/apple-icon.png", "/en/opengraph-image/card", "/api/images/" + "0".repeat(64), "//evil.example",
  "https://evil.example/", "/en/../../x", "%E0%A4%A", "%00", "999999999", "-1", "a".repeat(3000), "🐳", "<script>", "[]", "{}",
];
export const hostileQuery: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 20 }).map(encodeURIComponent))), { maxLength: 4 })
  .map((pairs) => (pairs.length ? "?" + pairs.map(([k, v]) => `${k}=${v.startsWith("%") ? v : encodeURIComponent(v)}`).join("&") : ""));
