import { describe, expect, it } from "vitest";
import { blockRows, splitBlocks } from "./blocks";

describe("splitBlocks", () => {
  it("splits on blank lines and keeps a fenced code block whole, blank lines and all", () => {
    const md = "# Title\n\nOne paragraph\nwrapped.\n\n```bash\ndocker network ls\n\ndocker ps\n```\n\n- a\n- b\n";
    expect(splitBlocks(md)).toEqual(["# Title", "One paragraph\nwrapped.", "```bash\ndocker network ls\n\ndocker ps\n```", "- a\n- b"]);
  });
});

describe("blockRows", () => {
  it("pairs the changed blocks and keeps the rest as context", () => {
    const before = "# Overlay\n\nVXLAN uses UDP 4789.\n\nEnd.\n";
    const after = "# Overlay\n\nVXLAN uses UDP port 4789.\n\n## Encryption\n\nIPsec ESP.\n\nEnd.\n";
    expect(blockRows(before, after)).toEqual([
      { kind: "equal", before: ["# Overlay"], after: ["# Overlay"] },
      { kind: "change", before: ["VXLAN uses UDP 4789."], after: ["VXLAN uses UDP port 4789.", "## Encryption", "IPsec ESP."] },
      { kind: "equal", before: ["End."], after: ["End."] },
    ]);
    expect(blockRows("a\n\nb", "a\n\nb\n")).toEqual([
      { kind: "equal", before: ["a"], after: ["a"] },
      { kind: "equal", before: ["b"], after: ["b"] },
    ]);
  });
});
