/** The upload and serving routes, called as Next would call them, on an in-memory embedded database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_PNG, samplePng, SCRIPT_SVG } from "@/server/services/moderation-testing";

process.env.DATABASE_URL = "";
process.env.PGLITE_DIR = "memory";

let POST: (r: Request) => Promise<Response>;
let GET: (r: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
beforeAll(async () => {
  ({ POST } = await import("./route"));
  ({ GET } = await import("./[id]/route"));
});
afterAll(async () => {
  const { getDbHandle } = await import("@/server/db");
  await (await getDbHandle()).close();
});

function upload(bytes: Buffer, { type = "image/png", name = "a.png", headers = {} as Record<string, string>, ip = "192.0.2.1" } = {}) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name, { type }));
  return POST(new Request("http://127.0.0.1:3000/api/images", { method: "POST", body: form, headers: { host: "127.0.0.1:3000", "x-forwarded-for": ip, ...headers } }));
}
const get = (id: string) => GET(new Request(`http://127.0.0.1:3000/api/images/${id}`), { params: Promise.resolve({ id }) });

describe("POST /api/images and GET /api/images/[id]", () => {
  it("accepts a PNG, answers an upload id, and serves it with its type, immutable caching and nosniff", async () => {
    const res = await upload(await samplePng(), { headers: { origin: "http://127.0.0.1:3000" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { uploadId: string; url: string; mime: string; width: number; height: number };
    expect(body).toMatchObject({ mime: "image/png", width: 8, height: 6, url: `/api/images/${body.uploadId}` });
    expect(body).not.toHaveProperty("id");
    const img = await get(body.uploadId);
    expect(img.status).toBe(200);
    expect(Object.fromEntries(["content-type", "cache-control", "x-content-type-options"].map((h) => [h, img.headers.get(h)]))).toEqual({
      "content-type": "image/png",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
    const bytes = Buffer.from(await img.arrayBuffer());
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(bytes.includes("SECRET-EXIF-PNG")).toBe(false);
  });

  it("rejects a script-bearing SVG and a fake PNG with clear messages, whatever they claim to be", async () => {
    const svg = await upload(SCRIPT_SVG, { type: "image/png", name: "cat.png" });
    expect([svg.status, await svg.json()]).toEqual([400, { error: "Only PNG, JPEG and WebP images are accepted." }]);
    const fake = await upload(FAKE_PNG);
    expect([fake.status, await fake.json()]).toEqual([400, { error: "The file is not a readable PNG, JPEG or WebP image." }]);
  });

  it("refuses cross-site uploads, missing files and oversize bodies", async () => {
    const cross = await upload(await samplePng(), { headers: { origin: "https://evil.example" } });
    expect(cross.status).toBe(403);
    const empty = await POST(new Request("http://127.0.0.1:3000/api/images", { method: "POST", body: new FormData(), headers: { host: "127.0.0.1:3000" } }));
    expect([empty.status, await empty.json()]).toEqual([400, { error: 'Send the image in a field named "file".' }]);
    const huge = await upload(Buffer.alloc(3 * 1024 * 1024, 1));
    expect(huge.status).toBe(413);
  });

  it("stops reading a chunked upload (no Content-Length) at the cap instead of holding all of it in memory", async () => {
    let sent = 0;
    const chunk = new Uint8Array(256 * 1024).fill(65);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 100 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await POST(
      new Request("http://127.0.0.1:3000/api/images", {
        method: "POST",
        body,
        duplex: "half",
        headers: { host: "127.0.0.1:3000", "content-type": "multipart/form-data; boundary=x", "x-forwarded-for": "192.0.2.77" },
      } as RequestInit),
    );
    expect([res.status, await res.json()]).toEqual([413, { error: "The image is too large: at most 2 MB." }]);
    // Read up to the cap (2 MB and a little framing), not the 100 MB sent.
    expect(sent).toBeLessThan(3 * 1024 * 1024);
  });

  it("limits uploads per IP", async () => {
    const png = await samplePng();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await upload(png, { ip: "198.51.100.7" })).status);
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("answers 404 for unknown or malformed ids", async () => {
    expect((await get("0".repeat(64))).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
  });
});
