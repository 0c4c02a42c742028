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

/**
 * The floors, lowest first. A module may import its own floor and the ones below, never one above.
 * model/ and format/ are plain types and formatting; engine/ the world, clock, IDs, errors and lookups;
 * net/ networks and the data path; daemon/ an engine's containers; swarm/ the cluster, services and
 * tasks; cli/ the shell and the commands; then the sandbox and the lab's door, and the package's index.
 */
const FLOORS: Record<string, number> = { model: 0, format: 0, engine: 1, net: 2, daemon: 3, swarm: 4, cli: 5, "sandbox.ts": 6, "lab.ts": 6, "index.ts": 7 };

function floorOf(file: string): number {
  const top = file.split("/")[0];
  if (!(top in FLOORS)) throw new Error(`${file} is on no floor: add its folder to FLOORS`);
  return FLOORS[top];
}

/** Every source file (relative to src/) and the source files it imports. */
function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const deps: string[] = [];
    for (const spec of importsOf(fs.readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) continue;
      const target = path.resolve(path.dirname(file), spec);
      const found = [`${target}.ts`, target, path.join(target, "index.ts")].find((t) => fs.existsSync(t) && fs.statSync(t).isFile());
      if (found) deps.push(path.relative(src, found));
    }
    edges.set(path.relative(src, file), deps);
  }
  return edges;
}

/** The import circles (strongly connected components of more than one file, or a file importing itself). */
export function cycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe("sim-core's imports", () => {
  it("finds circles", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["d"]],
      ["e", ["a"]],
    ]);
    expect(cycles(g)).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("finds imports of every form", () => {
    expect(importsOf('import x from "react";\nexport { y } from "./y";\nawait import("node:fs");\nimport "@xterm/xterm";')).toEqual([
      "react",
      "./y",
      "node:fs",
      "@xterm/xterm",
    ]);
  });

  it("only go down the floors: model, format < engine < net < daemon < swarm < cli < sandbox, lab < index", () => {
    const upward: string[] = [];
    for (const [file, deps] of graph()) {
      for (const dep of deps) if (floorOf(dep) > floorOf(file)) upward.push(`${file} imports ${dep}`);
    }
    expect(upward).toEqual([]);
  });

  it("close no circle (type imports included)", () => {
    expect(cycles(graph())).toEqual([]);
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
