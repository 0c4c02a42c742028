/**
 * Requests that once made a server error (or came close), kept as plain cases so every run tries them
 * whatever the seed. Each names where it was fixed.
 */
import type { Role, Shot } from "./send";

type Known = Omit<Shot, "headers" | "role"> & { role?: Role; headers?: Record<string, string> };

const json = { "content-type": "application/json", origin: "SAME" };

export const KNOWN: Known[] = [
  // src/server/http/guard.ts: a HEAD request was read as if it had a body, and building the request for tRPC threw (500).
  { label: "HEAD tRPC", method: "HEAD", path: "/api/trpc/question.list" },
  { label: "HEAD tRPC batch", method: "HEAD", path: "/api/trpc/question.list,account.me?batch=1" },
  // src/server/auth: a NUL in a token or a field reached PostgreSQL, which refuses it (500, or better-auth's 422).
  { label: "auth NUL token", method: "POST", path: "/api/auth/reset-password", headers: json, body: '{"newPassword":"aaaaaaaaaa","token":"\\u0000"}' },
  { label: "auth NUL token in query", method: "POST", path: "/api/auth/reset-password?token=%00", headers: json, body: '{"newPassword":"aaaaaaaaaa"}' },
  { label: "auth NUL image", method: "POST", path: "/api/auth/sign-up/email", headers: json, body: '{"name":"Fuzz","email":"fuzz-nul-image@example.test","password":"aaaaaaaaaa","image":"\\u0000"}' },
  // src/server/http/before-next.ts: Next answered these with a 500 before the app could see them.
  { label: "TRACE", method: "TRACE", path: "/en/lab", transport: "raw" },
  { label: "TRACE API", method: "TRACE", path: "/api/trpc/question.list", transport: "raw" },
  { label: "server action on .rsc", method: "POST", path: "/sw.js.rsc", headers: { "next-action": "0".repeat(40), "content-type": "text/plain" }, body: "" },
  { label: "server action on a page's .rsc", method: "POST", path: "/en.rsc", headers: { "next-action": "abc", "content-type": "text/plain" }, body: "x" },
  { label: "OPTIONS share image", method: "OPTIONS", path: "/uk/opengraph-image/card" },
  { label: "OPTIONS manifest", method: "OPTIONS", path: "/uk/manifest.webmanifest" },
  { label: "unreadable router state", method: "GET", path: "/uk/moderation/quiz.rsc", headers: { "next-router-state-tree": "%" } },
  { label: "router state of the wrong shape", method: "GET", path: "/en/lab.rsc", headers: { "next-router-state-tree": "%5B%22%22%5D" } },
  // src/server/auth (nulField): the first NUL check recursed, and a body nested 5,000 deep overflowed the stack.
  { label: "auth deep body", method: "POST", path: "/api/auth/sign-in/social", headers: json, body: `{"json":${"[".repeat(5_000)}${"]".repeat(5_000)}}` },
  // src/server/services/questions.ts: a NUL in a question's address reached PostgreSQL.
  { label: "NUL slug", method: "GET", path: "/uk/q/%00?locale=x" },
  { label: "NUL slug share image", method: "GET", path: "/uk/q/%00/opengraph-image/card" },
  { label: "NUL slug suggest page", method: "GET", path: "/uk/q/%00/suggest" },
  // Fixed earlier (src/proxy.ts, src/server/http/guard.ts): broken %-escapes, a null body, oversize and chunked bodies.
  { label: "broken escape", method: "GET", path: "/en/q/%E0%A4%A" },
  { label: "broken escape API", method: "GET", path: "/api/trpc/%E0%A4%A" },
  { label: "null body", method: "POST", path: "/api/trpc/suggestion.preview", headers: json, body: "null" },
  { label: "null batch", method: "POST", path: "/api/trpc/suggestion.preview?batch=1", headers: json, body: '{"0":null}' },
  { label: "oversize chunked tRPC", method: "POST", path: "/api/trpc/suggestion.preview", headers: json, body: Buffer.alloc(3_000_000, 0x20), transport: { chunked: 64 * 1024 } },
  {
    label: "oversize chunked upload",
    method: "POST",
    path: "/api/images",
    headers: { "content-type": "multipart/form-data; boundary=x" },
    body: Buffer.alloc(3_000_000, 0x41),
    transport: { chunked: 64 * 1024 },
  },
  { label: "abandoned upload", method: "POST", path: "/api/images", headers: { "content-type": "multipart/form-data; boundary=x" }, body: Buffer.alloc(200_000, 0x41), transport: "abort" },
  // superjson: a type it does not know, and a path through a prototype.
  { label: "superjson custom", method: "GET", path: `/api/trpc/question.list?input=${encodeURIComponent('{"json":{"locale":"en"},"meta":{"values":{"locale":["custom","nope"]}}}')}` },
  { label: "superjson __proto__", method: "GET", path: `/api/trpc/question.list?input=${encodeURIComponent('{"json":{},"meta":{"values":{"__proto__":["Date"]}}}')}` },
];
