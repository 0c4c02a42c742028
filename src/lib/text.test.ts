import { describe, expect, it } from "vitest";
import { cutAtWord, plainSummary } from "./text";

describe("cutting text at a word", () => {
  it("leaves text that fits, and cuts longer text at its last space (or newline) with an ellipsis, within the limit", () => {
    expect(cutAtWord("an overlay spans hosts", 22)).toBe("an overlay spans hosts");
    expect(cutAtWord("an overlay spans hosts", 20)).toBe("an overlay spans…");
    expect(cutAtWord("an overlay\nspans hosts", 15)).toBe("an overlay…");
  });

  it("cuts mid-word when the only space is in the first half", () => {
    expect(cutAtWord("a verylongwordwithoutspaces", 10)).toBe("a verylon…");
  });
});

describe("a plain summary of Markdown", () => {
  it("drops markup, code blocks and images, keeps link text, and is one line cut at a word", () => {
    const md = "# Title\n\nAn **overlay** spans [hosts](https://x.example).\n\n```\ndocker ps\n```\n![a](b.png) Done.";
    expect(plainSummary(md, 200)).toBe("Title An overlay spans hosts. Done.");
    expect(plainSummary(md, 20)).toBe("Title An overlay…");
  });
});
