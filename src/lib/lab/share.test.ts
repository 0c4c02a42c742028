import { describe, expect, it } from "vitest";
import { decodeShare, encodeShare, MAX_SHARE_LENGTH, toBase64Url } from "./share";
import type { SessionCore } from "./protocol";

const session: SessionCore = {
  seed: "abc123",
  nodes: 2,
  log: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10", at: 0 },
    { pane: "node-2", line: "docker swarm join --token SWMTKN-1-x 192.168.1.10:2377", at: 0 },
    { pane: "node-1", line: "ping -c 100 192.168.1.20 # вузол 日本", at: 250, abortAt: 3250 },
  ],
};

const deflate = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
};

describe("share links", () => {
  it("round-trips seed, nodes and the log (Unicode included) through URL-safe text", async () => {
    const encoded = await encodeShare(session);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(encoded.value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShare(encoded.value)).toEqual({ ok: true, session });
  });

  it("keeps each command's terminal width, with or without a Ctrl-C, and reads links made before widths were kept", async () => {
    const wide: SessionCore = {
      ...session,
      log: [
        { pane: "node-1", line: "docker --help", at: 0, cols: 48 },
        { pane: "node-1", line: "ping 192.168.1.20", at: 10, abortAt: 2010, cols: 120 },
        { pane: "node-2", line: "docker ps", at: 3000 },
      ],
    };
    const encoded = await encodeShare(wide);
    expect(encoded.ok && (await decodeShare(encoded.value))).toEqual({ ok: true, session: wide });
    const old = await deflate(JSON.stringify([1, "abc123", 2, [[1, "docker --help", 0], [2, "ping x", 5, 900]]]));
    expect(await decodeShare(old)).toEqual({
      ok: true,
      session: { seed: "abc123", nodes: 2, log: [{ pane: "node-1", line: "docker --help", at: 0 }, { pane: "node-2", line: "ping x", at: 5, abortAt: 900 }] },
    });
    const narrow = await deflate(JSON.stringify([1, "abc123", 2, [[1, "docker --help", 0, null, 3]]]));
    expect(await decodeShare(narrow)).toEqual({ ok: false, error: "malformed" });
  });

  it("says a log is too long for a link", async () => {
    // Incompressible lines: hex of a running counter hashed by hand.
    const log = Array.from({ length: 2000 }, (_, i) => ({ pane: "node-1", line: `echo ${(i * 2654435761 >>> 0).toString(36)}${(i * 40503 >>> 0).toString(36)}${Math.sin(i).toString(36).slice(2, 14)}`, at: i }));
    const encoded = await encodeShare({ seed: "x", nodes: 1, log });
    expect(encoded).toMatchObject({ ok: false });
    if (!encoded.ok) expect(encoded.length).toBeGreaterThan(MAX_SHARE_LENGTH);
    expect(await decodeShare("A".repeat(MAX_SHARE_LENGTH + 1))).toEqual({ ok: false, error: "too-large" });
  });

  it("refuses malformed links with a reason", async () => {
    expect(await decodeShare("")).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare("not base64!")).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare("AAAA")).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare(await deflate("{not json"))).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare(await deflate('[1,"s",9,[]]'))).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare(await deflate('[1,"s;rm",1,[]]'))).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare(await deflate('[1,"s",2,[[3,"ls",0]]]'))).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare(await deflate('[1,"s",2,[[1,"ls",5],[1,"ls",1]]]'))).toEqual({ ok: false, error: "malformed" });
    expect(await decodeShare(await deflate('[1,"s",2,[[1,"ls",-1]]]'))).toEqual({ ok: false, error: "malformed" });
  });

  it("refuses a link that inflates beyond the limit (a zip bomb)", async () => {
    expect(await decodeShare(await deflate(`[1,"s",1,[[1,"${"a".repeat(2_000_000)}",0]]]`))).toEqual({ ok: false, error: "too-large" });
  });
});
