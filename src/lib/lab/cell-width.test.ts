import { describe, expect, it } from "vitest";
import { cellWidth, stringWidth } from "./cell-width";

describe("cell widths, as the lab's terminals draw them (xterm with Unicode 11 widths)", () => {
  it("gives emoji and East Asian characters two cells, combining marks none, the rest one", () => {
    expect(["a", "é", "ї", "─"].map(cellWidth)).toEqual([1, 1, 1, 1]);
    // With xterm's default Unicode 6 widths these emoji take one cell; the panes load Unicode 11.
    expect(["🚀", "✅", "🐳", "日", "ｗ"].map(cellWidth)).toEqual([2, 2, 2, 2, 2]);
    expect(["\u0301", "\u200b", "\u200d"].map(cellWidth)).toEqual([0, 0, 0]);
    expect(stringWidth("echo 🚀🚀 cafe\u0301")).toBe(14);
  });
});
