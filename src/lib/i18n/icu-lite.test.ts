import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { formatMessage, parse } from "./icu-lite";

const root = path.resolve(__dirname, "../../..");
const namespace = (locale: string, name: string) => JSON.parse(fs.readFileSync(path.join(root, "messages", locale, `${name}.json`), "utf8")) as Record<string, unknown>;

function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Every argument a message names, with whether it is a plural. */
function args(message: string): Map<string, boolean> {
  const found = new Map<string, boolean>();
  for (const m of message.matchAll(/\{\s*(\w+)\s*(,\s*plural)?/g)) found.set(m[1], found.get(m[1]) || Boolean(m[2]));
  return found;
}

describe("icu-lite", () => {
  // The quiz's client strings, and the topology's (formatted per container on every update).
  for (const [name, least] of [["quiz", 50], ["topology", 40]] as const) {
    for (const locale of ["en", "uk"]) {
      it(`formats every ${name} message in ${locale} exactly as next-intl does`, () => {
        const messages = namespace(locale, name);
        const t = createTranslator({ locale, messages: { [name]: messages }, namespace: name });
        const all = leaves(messages);
        expect(all.length).toBeGreaterThan(least);
        let checked = 0;
        for (const [key, message] of all) {
          const spec = args(message);
          const counts = [...spec.values()].some(Boolean) ? [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 1234] : [7, 8080];
          for (const n of counts) {
            const values = Object.fromEntries([...spec].map(([name, plural]) => [name, plural ? n : name === "detail" ? "a <b> & 'c'" : n]));
            expect(formatMessage(locale, message, values), `${locale} ${key} ${n}`).toBe(t(key as never, values as never));
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(all.length);
      });
    }
  }

  it("reads quotes, nested arguments and = branches", () => {
    expect(formatMessage("en", "It''s '{literal}' {n, plural, =0 {none} one {# item for {who}} other {# items}}", { n: 1, who: "you" })).toBe(
      "It's {literal} 1 item for you",
    );
    expect(formatMessage("uk", "{n, plural, one {# картка} few {# картки} many {# карток} other {# картки}}", { n: 22 })).toBe("22 картки");
    expect(formatMessage("uk", "{n, plural, one {# картка} few {# картки} many {# карток} other {# картки}}", { n: 1000 })).toBe("1\u00a0000 карток");
    expect(formatMessage("en", "port {port} of {n, plural, other {# hosts}}", { port: 8080, n: 1200 })).toBe("port 8080 of 1,200 hosts");
  });

  it("refuses shapes it does not support instead of printing them wrong", () => {
    expect(() => parse("{n, select, a {x} other {y}}")).toThrow(SyntaxError);
    expect(() => parse("{n, plural, one {x}}")).toThrow(/other/);
    expect(() => parse("text }")).toThrow(SyntaxError);
    expect(() => parse("{n")).toThrow(SyntaxError);
  });
});
