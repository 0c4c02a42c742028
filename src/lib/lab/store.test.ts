import { describe, expect, it } from "vitest";
import { parseStoredSession } from "./store";

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
  });
});
