import { describe, expect, it } from "vitest";
import { createEscapeFilter, plainText } from "./escape-filter";

const filter = (...chunks: string[]) => {
  const f = createEscapeFilter();
  return chunks.map((c) => f.push(c)).join("") + f.flush();
};

describe("escape filter", () => {
  it("keeps text, line controls, SGR colours and the convergence display's cursor movement", () => {
    const frame = "overall progress: 1 out of 3 tasks \n1/3: running   [=====>   ] \n\r\u001b[2A\u001b[J";
    expect(filter(frame)).toBe(frame);
    expect(filter("\u001b[1;31mError\u001b[0m\ttab\bx")).toBe("\u001b[1;31mError\u001b[0m\ttab\bx");
    expect(filter("\u001b[10;5H\u001b[K\u001b[3C")).toBe("\u001b[10;5H\u001b[K\u001b[3C");
  });

  it("drops OSC 0/2 (title), OSC 52 (clipboard) and OSC 8 (links), ended by BEL or ST", () => {
    expect(filter("a\u001b]0;pwned\u0007b")).toBe("ab");
    expect(filter("a\u001b]2;title\u001b\\b")).toBe("ab");
    expect(filter("\u001b]52;c;ZWNobyBoaQ==\u0007x")).toBe("x");
    expect(filter("\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\")).toBe("click");
  });

  it("drops DCS, SOS, PM and APC strings and their 8-bit forms", () => {
    expect(filter("a\u001bP+q544e\u001b\\b")).toBe("ab");
    expect(filter("a\u001b_apc\u001b\\b\u001b^pm\u0007c\u001bXsos\u001b\\d")).toBe("abcd");
    expect(filter("a\u0090dcs\u009cb\u009d0;t\u0007c")).toBe("abc");
  });

  it("drops terminal queries and anything that is not a safe CSI: DA, DSR, window ops, modes, reset", () => {
    expect(filter("a\u001b[cb\u001b[>0cc\u001b[6nd\u001b[5ne")).toBe("abcde");
    expect(filter("\u001b[21t\u001b[8;1;1t\u001b[?1049h\u001b[?2004hx")).toBe("x");
    expect(filter("\u001bcx\u001b7y\u001b8z")).toBe("xyz");
    expect(filter("a\u009b6nb\u009b31mc")).toBe("ab\u001b[31mc");
  });

  it("drops bare control characters other than \\n \\r \\t \\b, and C1 controls", () => {
    expect(filter("a\u0007b\u0000c\u007fd\u0085e")).toBe("abcde");
  });

  it("recognises a sequence split across chunks", () => {
    expect(filter("a\u001b", "]52;c;aGk=", "\u0007b")).toBe("ab");
    expect(filter("a\u001b[", "3", "1mb")).toBe("a\u001b[31mb");
    expect(filter("x\u001b]0;t\u001b", "\\y")).toBe("xy");
  });

  it("keeps Unicode and wide characters", () => {
    expect(filter("вузол ✓ 日本語 🐳")).toBe("вузол ✓ 日本語 🐳");
  });

  it("gives plain text for transcripts", () => {
    expect(plainText("\u001b[31mred\u001b[0m \u001b]0;t\u0007ok")).toBe("red ok");
  });
});
