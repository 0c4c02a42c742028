import { describe, expect, it } from "vitest";
import { createRowFixer } from "./rows";

describe("row fixer", () => {
  it("moves up by rows, not lines, when a frame's lines wrap in a narrow pane", () => {
    const f = createRowFixer();
    const frame = "overall progress: 1 out of 1 tasks \n1/1: running   [==================================================>] \n";
    expect(f.push(frame, 40)).toBe(frame);
    // 35 cells → 1 row; 71 cells → 2 rows at 40 columns.
    expect(f.push("\r\u001b[2A\u001b[J", 40)).toBe("\r\u001b[3A\u001b[J");
  });

  it("leaves it alone in a wide pane and for lines it has not seen", () => {
    const f = createRowFixer();
    f.push("a\nb\n", 80);
    expect(f.push("\r\u001b[2A\u001b[J", 80)).toBe("\r\u001b[2A\u001b[J");
    expect(f.push("\u001b[5A", 80)).toBe("\u001b[5A");
  });

  it("counts wide characters and keeps colours, also across chunks", () => {
    const f = createRowFixer();
    f.push("\u001b[32m日本日本日\u001b[0m\n", 8);
    expect(f.push("\r\u001b", 8)).toBe("\r");
    expect(f.push("[1A", 8)).toBe("\u001b[2A");
  });
});
