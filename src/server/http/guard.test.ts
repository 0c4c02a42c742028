/** The checks every tRPC request passes, through the real tRPC fetch adapter and router. */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../api/root";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import { seedFixture } from "../services/moderation-testing";
import { guardTrpcRequest, HTTP_LIMITS, Refused, refusal } from "./guard";

const [pglite] = await testDrivers();
const BASE = "http://lab.example/api/trpc";

describe("guardTrpcRequest", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await pglite.create({ seed: false });
    await seedFixture(t.db);
  });
  afterAll(async () => t?.close());

  /** What a client gets back: through the guard, then tRPC. */
  async function send(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    const req = new Request(`${BASE}/${path}`, { ...init, headers: { host: "lab.example", ...init.headers } });
    const guarded = await guardTrpcRequest(req, "/api/trpc");
    if (guarded instanceof Refused) return refusal(guarded, new URL(req.url).searchParams.get("batch") === "1");
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req: guarded,
      router: appRouter,
      createContext: () => ({ db: t.db, user: null, ip: "203.0.113.1", headers: guarded.headers }),
    });
  }
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    send(path, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

  it("answers a JSON null body with a 400 that says what to send, not an internal message", async () => {
    for (const path of ["suggestion.preview", "suggestion.preview?batch=1"]) {
      const res = await post(path, "null");
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain("The request body must be a JSON object");
      expect(text).not.toMatch(/destructure|undefined|TypeError/);
    }
    expect((await send("question.list?input=null")).status).toBe(400);
    // A well-formed call still goes through.
    const ok = await post("suggestion.preview", JSON.stringify({ json: { markdown: "**hi**" } }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("<strong>hi</strong>");
  });

  it("answers HEAD as tRPC does (no content), never trying to read a body a HEAD request cannot have", async () => {
    // Found by the HTTP fuzz: the guard read HEAD as a request with a body, and rebuilding it threw (a 500).
    for (const path of ["question.list", "question.list,account.me?batch=1", `question.list?input=${encodeURIComponent('{"json":{"locale":"en"}}')}`]) {
      const res = await send(path, { method: "HEAD" });
      expect(res.status, path).toBe(204);
    }
  });

  it("caps the number of calls in one batch", async () => {
    const paths = (n: number) => Array.from({ length: n }, () => "question.list").join(",");
    const input = (n: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { locale: "en" } }]))));
    const over = await send(`${paths(HTTP_LIMITS.maxBatch + 1)}?batch=1&input=${input(HTTP_LIMITS.maxBatch + 1)}`);
    expect(over.status).toBe(400);
    expect(await over.text()).toContain(`Too many calls in one request: at most ${HTTP_LIMITS.maxBatch}.`);
    const atCap = await send(`${paths(HTTP_LIMITS.maxBatch)}?batch=1&input=${input(HTTP_LIMITS.maxBatch)}`);
    expect(atCap.status).toBe(200);
  });

  it("refuses a body over the cap before parsing it, whether declared or streamed without a length", async () => {
    const big = JSON.stringify({ json: { markdown: "x".repeat(HTTP_LIMITS.maxBodyBytes) } });
    expect((await post("suggestion.preview", big)).status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Chunked upload with no Content-Length: the guard stops reading at the cap.
        if (sent > 4 * HTTP_LIMITS.maxBodyBytes) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const res = await send("suggestion.preview", { method: "POST", body: stream, duplex: "half" } as RequestInit & { headers?: Record<string, string> });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(HTTP_LIMITS.maxBodyBytes + 256 * 1024);
  });

  it("refuses mutations from another site's page, and accepts this site's and non-browser callers", async () => {
    const body = JSON.stringify({ json: { markdown: "x" } });
    const evil = await post("suggestion.preview", body, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain("Changes are only accepted from this site's own pages.");
    expect((await post("suggestion.preview", body, { origin: "http://lab.example" })).status).toBe(200);
    expect((await post("suggestion.preview", body)).status).toBe(200);
  });
});
