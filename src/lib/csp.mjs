// @ts-check
/**
 * The Content-Security-Policy of every HTML page. Two ways to say which scripts may run, one policy:
 *
 * - Pages rendered per request (moderation, sign-in, account, suggestion status, the edit form) get a
 *   fresh nonce from the proxy (src/proxy.ts); Next puts it on every <script> it writes.
 * - Pages rendered once and served from the page cache to everyone (home, questions, lab, quiz) cannot
 *   carry a per-request nonce. Their policy lists the hashes of exactly the scripts Next wrote into
 *   them, computed as the page enters the cache (`pageScriptHashes` below, called by the cache
 *   handler): inline scripts by their SHA-256, script files by the integrity hash Next gives them
 *   (`experimental.sri`). A hash, unlike a nonce, can be public: it only ever allows that one script.
 *
 * Either way 'strict-dynamic' lets those trusted scripts load Next's further chunks and the workers,
 * and nothing else runs: no 'unsafe-inline', no 'unsafe-eval' (except in `next dev`, which needs it).
 *
 * Plain JavaScript: the cache handler loads it outside the bundle (like ../server/cache/*.mjs).
 */
import { createHash } from "node:crypto";

/** @typedef {{ nonce: string } | { hashes: string[] }} ScriptSources */

/**
 * The policy; `script-src` is the only directive that differs between pages.
 * @param {ScriptSources} scripts
 * @param {{ dev?: boolean }} [options]
 */
export function cspHeader(scripts, { dev = false } = {}) {
  const trusted = "nonce" in scripts ? [`'nonce-${scripts.nonce}'`] : scripts.hashes.map((h) => `'${h}'`);
  return [
    "default-src 'self'",
    // 'self' is ignored by browsers that understand 'strict-dynamic' (all current ones); it only
    // keeps older browsers working.
    ["script-src", ...trusted, "'strict-dynamic'", "'self'", ...(dev ? ["'unsafe-eval'"] : [])].join(" "),
    // React writes style attributes; styles cannot run code, so inline styles stay allowed.
    "style-src 'self' 'unsafe-inline'",
    // Our own files and uploads only (published Markdown turns other sites' images into links), plus
    // data: and blob: URLs the pages make themselves.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The lab's simulator and the quiz checker run in Web Workers loaded from our own chunks.
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A nonce: 128 random bits, base64 (Web Crypto, so the proxy can call it too). */
export function makeNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const attrValue = (/** @type {string} */ attrs, /** @type {string} */ name) => {
  const m = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?`, "i").exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : null;
};
const INTEGRITY = /^sha(?:256|384|512)-[A-Za-z0-9+/]+=*$/;

/** Script types the browser runs (others, such as application/ld+json, are data: CSP does not apply). */
const runs = (/** @type {string | null} */ type) =>
  type === null || type === "" || /^(?:module|(?:text|application)\/(?:x-)?(?:java|ecma)script)$/i.test(type.trim());

/**
 * Next's own inline scripts push JSON data onto a queue: the React Server Components payload
 * (`self.__next_f`) and Turbopack's list of chunks (`TURBOPACK`). Only a push whose argument parses
 * as JSON is trusted, so no other code can hide in one.
 * @param {string} body
 */
export function isNextDataPush(body) {
  const m =
    /^\s*(?:self\.__next_f\.push|\(self\.__next_f\s*=\s*self\.__next_f\s*\|\|\s*\[\]\)\.push|\(globalThis\["TURBOPACK"\]\s*\|\|\s*\(globalThis\["TURBOPACK"\]\s*=\s*\[\]\)\)\.push)\(([\s\S]*)\)\s*;?\s*$/.exec(
      body,
    );
  if (!m) return false;
  try {
    JSON.parse(m[1]);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} text */
export const sha256 = (text) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

/**
 * Prepares a page Next rendered for a hash-based policy. Trusted, and listed: each inline script
 * Next writes (by its SHA-256) and each script file under /_next/static/ (by its integrity hash;
 * React writes a few chunk tags without one, which get it here from `fileIntegrity`). Anything else
 * is left out, so it cannot run: a script that reached the HTML some other way (a sanitizer bug,
 * say) is blocked, not blessed.
 * @param {string} html
 * @param {(src: string) => string | null} fileIntegrity the integrity of a file under /_next/static/, or null
 * @returns {{ html: string; hashes: string[]; untrusted: string[] }} untrusted: what was left out, for the log
 */
export function hashPageScripts(html, fileIntegrity) {
  /** @type {Set<string>} */
  const hashes = new Set();
  /** @type {string[]} */
  const untrusted = [];
  const out = html.replace(SCRIPT, (whole, /** @type {string} */ attrs, /** @type {string} */ body) => {
    if (!runs(attrValue(attrs, "type"))) return whole;
    const src = attrValue(attrs, "src");
    if (src === null) {
      if (isNextDataPush(body)) hashes.add(sha256(body));
      else if (body.trim() !== "") untrusted.push(whole.slice(0, 200));
      return whole;
    }
    if (!src.startsWith("/_next/static/") || src.includes("..")) {
      untrusted.push(whole.slice(0, 200));
      return whole;
    }
    const given = attrValue(attrs, "integrity");
    if (given !== null) {
      if (INTEGRITY.test(given)) hashes.add(given);
      else untrusted.push(whole.slice(0, 200));
      return whole;
    }
    const integrity = fileIntegrity(src);
    if (!integrity) {
      untrusted.push(whole.slice(0, 200));
      return whole;
    }
    hashes.add(integrity);
    return `<script${attrs} integrity="${integrity}">${body}</script>`;
  });
  return { html: out, hashes: [...hashes], untrusted };
}
