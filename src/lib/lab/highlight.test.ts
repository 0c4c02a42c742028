import { describe, expect, it } from "vitest";
import { findMatches, MAX_MATCHES, searchTerms } from "./highlight";

describe("terminal highlights for a topology element", () => {
  it("finds whole tokens only: an IP not inside a longer one, a name not inside a task's name", () => {
    const lines = [
      "64 bytes from 10.0.1.3: seq=0 ttl=64 time=0.412 ms",
      "PING web (10.0.1.30): 56 data bytes",
      "web.1.x7k2p9   nginx:alpine   node-2   Running",
      "reached 10.0.1.3.",
    ];
    expect(findMatches(lines, ["10.0.1.3"])).toEqual([
      { line: 0, start: 14, length: 8 },
      { line: 3, start: 8, length: 8 },
    ]);
    expect(findMatches(lines, ["web"])).toEqual([{ line: 1, start: 5, length: 3 }]);
    expect(findMatches(lines, ["web.1.x7k2p9", "node-2"]).map((m) => lines[m.line].slice(m.start, m.start + m.length))).toEqual(["web.1.x7k2p9", "node-2"]);
  });

  it("prefers the longer of two overlapping terms and keeps reading order", () => {
    const lines = ["appnet-backup appnet 10.0.1.0/24"];
    const found = findMatches(lines, ["appnet", "appnet-backup", "10.0.1.0/24"]);
    expect(found.map((m) => lines[0].slice(m.start, m.start + m.length))).toEqual(["appnet-backup", "appnet", "10.0.1.0/24"]);
  });

  it("ignores empty and one-character terms, and stops at the limit", () => {
    expect(searchTerms(["", " ", "a", null, undefined, "ab", "ab"])).toEqual(["ab"]);
    expect(findMatches(["a b c"], ["a", ""])).toEqual([]);
    const many = Array.from({ length: 300 }, () => "ab ab");
    expect(findMatches(many, ["ab"])).toHaveLength(MAX_MATCHES);
  });
});
