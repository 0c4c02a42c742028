import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cspHeader, hashPageScripts, isNextDataPush, makeNonce } from "./csp.mjs";

const hashOf = (s: string) => `sha256-${createHash("sha256").update(s).digest("base64")}`;
const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("cspHeader", () => {
  it("a nonce policy: the nonce and 'strict-dynamic', nothing inline or eval, no plug-ins, no framing, own images", () => {
    const d = directives(cspHeader({ nonce: "abc" }));
    expect(d.get("script-src")).toEqual(["'nonce-abc'", "'strict-dynamic'", "'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("worker-src")).toEqual(["'self'", "blob:"]);
  });

  it("a hash policy lists the hashes; only `next dev` gets 'unsafe-eval'", () => {
    expect(directives(cspHeader({ hashes: ["sha256-a", "sha256-b"] })).get("script-src")).toEqual(["'sha256-a'", "'sha256-b'", "'strict-dynamic'", "'self'"]);
    expect(cspHeader({ nonce: "n" }, { dev: true })).toContain("'unsafe-eval'");
    expect(cspHeader({ nonce: "n" })).not.toContain("unsafe-eval");
    expect(directives(cspHeader({ nonce: "n" })).get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = makeNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(makeNonce()).not.toBe(a);
  });
});

describe("hashPageScripts", () => {
  const flight = 'self.__next_f.push([1,"0:{\\"a\\":1}\\n"])';
  const turbopack = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a.js"],"runtimeModuleIds":[1]});';
  const page = [
    '<script src="/_next/static/chunks/a.js" async="" integrity="sha256-AAAA"></script>',
    '<script src="/_next/static/chunks/b.js" async=""></script>',
    `<script id="_R_">${turbopack}</script>`,
    "<script>(self.__next_f=self.__next_f||[]).push([0])</script>",
    `<script>${flight}</script>`,
    '<script type="application/ld+json">{"@context":"https://schema.org"}</script>',
  ].join("");

  it("lists Next's inline scripts by hash and its files by integrity, adding the integrity a chunk tag lacks", () => {
    const r = hashPageScripts(page, (src) => (src === "/_next/static/chunks/b.js" ? "sha256-BBBB" : null));
    expect(r.untrusted).toEqual([]);
    expect(r.hashes.sort()).toEqual(["sha256-AAAA", "sha256-BBBB", hashOf(turbopack), hashOf("(self.__next_f=self.__next_f||[]).push([0])"), hashOf(flight)].sort());
    expect(r.html).toContain('<script src="/_next/static/chunks/b.js" async="" integrity="sha256-BBBB"></script>');
  });

  it("leaves out, so the browser blocks, any other script: inline code, other sites, unknown files", () => {
    const hostile = [
      "<script>alert(1)</script>",
      '<script>self.__next_f.push([1,"x"]);alert(1)</script>',
      '<script src="https://evil.example/x.js" integrity="sha256-CCCC"></script>',
      '<script src="/api/images/1"></script>',
      '<script src="/_next/static/chunks/missing.js"></script>',
      '<script src="/_next/static/../../etc/passwd"></script>',
    ];
    const r = hashPageScripts(hostile.join(""), () => null);
    expect(r.hashes).toEqual([]);
    expect(r.untrusted).toHaveLength(hostile.length);
    expect(r.html).toBe(hostile.join(""));
  });

  it("trusts a data push only when its argument is JSON", () => {
    expect(isNextDataPush('self.__next_f.push([1,"a"])')).toBe(true);
    expect(isNextDataPush("self.__next_f.push([1,fetch('/x')])")).toBe(false);
    expect(isNextDataPush('self.__next_f.push([1,"a"]);alert(1);self.__next_f.push([1])')).toBe(false);
  });
});
