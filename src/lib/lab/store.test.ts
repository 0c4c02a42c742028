import { describe, expect, it } from "vitest";
import { MAX_SAVED_VIEW, parseStoredSession, streamTail } from "./store";

const good = {
  version: 1,
  seed: "k2x9",
  nodes: 3,
  log: [{ pane: "node-1", line: "docker swarm init", at: 0 }],
  history: { "node-1": ["docker swarm init"] },
  source: { href: "/uk/q/what-is-a-docker-overlay-network#приклад", title: "Приклад" },
};

describe("stored sessions", () => {
  it("reads back a saved session", () => {
    expect(parseStoredSession(good)).toEqual(good);
    expect(parseStoredSession({ ...good, source: null })).toEqual({ ...good, source: null });
  });

  it("refuses damaged or foreign records", () => {
    expect(parseStoredSession(undefined)).toBeNull();
    expect(parseStoredSession({ ...good, version: 2 })).toBeNull();
    expect(parseStoredSession({ ...good, nodes: 6 })).toBeNull();
    expect(parseStoredSession({ ...good, log: [{ pane: "node-9", line: "x", at: 0 }] })).toBeNull();
    expect(parseStoredSession({ ...good, source: { href: "https://evil.example/", title: "x" } })).toBeNull();
    expect(parseStoredSession({ ...good, source: { href: "javascript:alert(1)", title: "x" } })).toBeNull();
    expect(parseStoredSession({ ...good, history: { "node-1": [1] } })).toBeNull();
    expect(parseStoredSession({ ...good, views: { "node-7": { stream: "", prompt: "node-7$ " } } })).toBeNull();
    expect(parseStoredSession({ ...good, views: { "node-1": { stream: "x".repeat(MAX_SAVED_VIEW + 1), prompt: "node-1$ " } } })).toBeNull();
  });

  it("keeps what each pane showed, and reads sessions saved before views were kept", () => {
    const views = { "node-1": { stream: "node-1$ docker swarm init\r\nSwarm initialized\r\n", prompt: "node-1$ " } };
    expect(parseStoredSession({ ...good, views })).toEqual({ ...good, views });
    expect(parseStoredSession(good)?.views).toBeUndefined();
  });

  it("cuts a long stream at a line start", () => {
    expect(streamTail("short")).toBe("short");
    const long = `${"a".repeat(50)}\r\n${"b".repeat(30)}\r\nlast\r\n`;
    expect(streamTail(long, 40)).toBe(`${"b".repeat(30)}\r\nlast\r\n`);
    expect(streamTail(long, 20)).toBe("last\r\n");
    expect(streamTail("x".repeat(100), 40)).toBe("");
  });
});
