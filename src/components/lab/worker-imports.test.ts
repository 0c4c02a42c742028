import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The worker is on the path to the lab's first prompt: every module it loads is parsed and compiled before
 * the cluster boots. This walks the app's own modules it imports (sim-core is one package, checked by its own
 * import guard) and keeps heavy page-side libraries out of it.
 */
const root = path.resolve(__dirname, "../../..");
const FORBIDDEN = ["zod", "react", "react-dom", "@xterm/xterm", "next-intl"];

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, "src", spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

function packagesLoadedBy(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    // Type-only imports vanish from the bundle; everything else is loaded.
    for (const m of source.matchAll(/^import\s+(?!type\b)(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)) {
      const local = resolveLocal(file, m[1]);
      if (local) queue.push(local);
      else packages.set(m[1], path.relative(root, file));
    }
  }
  return packages;
}

describe("the lab worker's imports", () => {
  it("loads sim-core and none of the page's libraries", () => {
    const packages = packagesLoadedBy(path.join(root, "src/components/lab/lab.worker.ts"));
    expect([...packages.keys()]).toContain("sim-core");
    for (const name of FORBIDDEN) expect(packages.has(name) ? `${name} (imported by ${packages.get(name)})` : null).toBeNull();
  });
});
