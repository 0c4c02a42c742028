/** The requests answered before Next.js sees them, decided alone and on a real HTTP server. */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerBeforeNext, installAnswersBeforeNext } from "./before-next";

const tree = (state: unknown) => encodeURIComponent(JSON.stringify(state));

describe("answerBeforeNext", () => {
  it("lets ordinary requests through, a router state tree Next accepts included", () => {
    expect(answerBeforeNext("GET", "/en/lab", {})).toBeNull();
    expect(answerBeforeNext("POST", "/en/lab", { "content-type": "application/json" })).toBeNull();
    expect(answerBeforeNext("GET", "/en/lab", { rsc: "1", "next-router-state-tree": tree(["", { children: ["__PAGE__", {}] }, null, "refetch"]) })).toBeNull();
  });

  it("refuses TRACE, which Next's fetch Request cannot carry", () => {
    expect(answerBeforeNext("TRACE", "/en/lab", {})).toMatchObject({ status: 405, message: "The TRACE method is not supported." });
  });

  it("answers OPTIONS outside the API itself (Next's answer for a static route is a 500), and leaves the API's to Next", () => {
    for (const url of ["/en/opengraph-image/card", "/uk/q/x/opengraph-image/card", "/uk/manifest.webmanifest", "/en/lab", "/apiary"]) {
      expect(answerBeforeNext("OPTIONS", url, {}), url).toEqual({ status: 204, headers: { Allow: "GET, HEAD, OPTIONS" } });
    }
    for (const url of ["/api/images", "/api/trpc/question.list", "/api?x"]) expect(answerBeforeNext("OPTIONS", url, {}), url).toBeNull();
  });

  it("refuses a Server Action call: the app has none", () => {
    expect(answerBeforeNext("POST", "/en/lab", { "next-action": "0".repeat(40) })?.status).toBe(404);
  });

  it("refuses a router state tree Next's parser refuses", () => {
    for (const bad of ["garbage", "%", tree([]), tree([""]), tree({}), tree(null), tree(["", { children: 1 }]), "x".repeat(50_000)]) {
      expect(answerBeforeNext("GET", "/en/lab", { "next-router-state-tree": bad }), bad.slice(0, 40)).toMatchObject({ status: 400 });
    }
  });

  it("has no Server Actions to stand in the way of: no module under src says \"use server\"", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".test.ts") && /^\s*["']use server["']/m.test(fs.readFileSync(p, "utf8"))) offenders.push(p);
      }
    };
    walk(root);
    // A Server Action added one day must first be let through by before-next.ts.
    expect(offenders).toEqual([]);
  });
});

describe("installAnswersBeforeNext on a real server", () => {
  // A listener that fails the ways Next does: it builds a fetch Request from what it receives, and
  // for OPTIONS a Response with a 204 and a body (as Next does from the page cache, for a static route).
  const server = http.createServer((req, res) => {
    try {
      new Request(`http://localhost${req.url}`, { method: req.method });
      if (req.method === "OPTIONS") new Response(new Uint8Array(0), { status: 204 });
      res.end("handled");
    } catch {
      res.statusCode = 500;
      res.end("Internal Server Error");
    }
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const raw = (head: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.end(`${head}\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
      let text = "";
      socket.on("data", (d) => (text += d));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });

  it("turns the listener's 500 for TRACE into a 405 and for OPTIONS into a 204, and leaves every other request to the listener", async () => {
    expect(await raw("TRACE /en/lab HTTP/1.1")).toMatch(/^HTTP\/1\.1 500 /);
    expect(await raw("OPTIONS /en/opengraph-image/card HTTP/1.1")).toMatch(/^HTTP\/1\.1 500 /);
    installAnswersBeforeNext();
    installAnswersBeforeNext(); // twice is once
    const trace = await raw("TRACE /en/lab HTTP/1.1");
    expect(trace).toMatch(/^HTTP\/1\.1 405 /);
    expect(trace).toMatch(/\r\nAllow: GET, HEAD, POST, OPTIONS\r\n/i);
    expect(trace).toContain("The TRACE method is not supported.");
    expect(await raw("OPTIONS /en/opengraph-image/card HTTP/1.1")).toMatch(/^HTTP\/1\.1 204 [\s\S]*\r\nAllow: GET, HEAD, OPTIONS\r\n/i);
    expect(await raw("GET /en/lab HTTP/1.1")).toMatch(/^HTTP\/1\.1 200 [\s\S]*handled$/);
    expect(await raw("GET /en/lab.rsc HTTP/1.1\r\nNext-Router-State-Tree: garbage")).toMatch(/^HTTP\/1\.1 400 /);
  });
});
