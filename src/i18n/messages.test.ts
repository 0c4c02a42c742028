import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "./namespaces";
import { routing } from "./routing";

const root = path.join(import.meta.dirname, "../..");
const read = (locale: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(root, "messages", locale, `${ns}.json`), "utf8")) as Record<string, unknown>;

function leaves(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

// Every quoted string in the app's source, and the fixed part of every template literal (`a.b.${x}`).
const sources = sourceFiles(path.join(root, "src")).map((f) => fs.readFileSync(f, "utf8"));
const literals = new Set(sources.flatMap((s) => [...s.matchAll(/["'`]([\w.-]+)["'`]/g)].map((m) => m[1])));
const templatePrefixes = sources.flatMap((s) => [...s.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1]));

/** A key is used when some call names it whole, or names its tail under a namespace that is also named. */
function isUsed(ns: string, key: string): boolean {
  const full = `${ns}.${key}`;
  const parts = full.split(".");
  for (let i = 0; i < parts.length; i++) {
    const scope = parts.slice(0, i).join(".");
    const rest = parts.slice(i).join(".");
    if (literals.has(rest) && (i === 0 || literals.has(scope) || i === 1)) return true;
  }
  return templatePrefixes.some((p) => key.startsWith(p) || full.includes(`.${p}`));
}

describe.each(NAMESPACES)("messages/%s", (ns) => {
  const en = read("en", ns);

  it.each(routing.locales.filter((l) => l !== "en"))("has exactly the same keys in %s as in en", (locale) => {
    expect(leaves(read(locale, ns)).sort()).toEqual(leaves(en).sort());
  });

  it("has no empty message", () => {
    for (const locale of routing.locales) {
      const msgs = read(locale, ns);
      for (const key of leaves(msgs)) {
        const value = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], msgs);
        expect(typeof value === "string" && value.trim().length > 0, `${locale}/${ns}: ${key}`).toBe(true);
      }
    }
  });

  it("has no key the source never uses", () => {
    expect(leaves(en).filter((k) => !isUsed(ns, k))).toEqual([]);
  });
});
