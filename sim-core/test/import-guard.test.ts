import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// sim-core runs in a browser, a Web Worker and Node: its source may import nothing that ties it to a
// UI, to Node, or to the app around it.
const FORBIDDEN = /^(react|react-dom|next|@xterm\/.*|node:.*|fs|path|child_process|os|crypto|@\/.*)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

const src = path.join(import.meta.dirname, "../src");

export function importsOf(code: string): string[] {
  return [...code.matchAll(/(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

describe("sim-core's imports", () => {
  it("finds imports of every form", () => {
    expect(importsOf('import x from "react";\nexport { y } from "./y";\nawait import("node:fs");\nimport "@xterm/xterm";')).toEqual([
      "react",
      "./y",
      "node:fs",
      "@xterm/xterm",
    ]);
  });

  it("are only relative modules inside the package", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      for (const spec of importsOf(fs.readFileSync(file, "utf8"))) {
        const inside = spec.startsWith(".") && path.resolve(path.dirname(file), spec).startsWith(src);
        if (FORBIDDEN.test(spec) || !inside) offenders.push(`${path.relative(src, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
