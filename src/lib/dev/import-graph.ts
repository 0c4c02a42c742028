/**
 * For tests that keep heavy libraries off a hot path (the lab worker, the quiz page's first load): the npm
 * packages a module loads through its static imports, following the app's own modules. Type-only imports
 * and `import()` (loaded later, in a chunk of its own) are not followed.
 */
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(__dirname, "../../..");

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, "src", spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Package name → the first app module that imports it, for everything `entry` (a path from the repo root) loads. */
export function packagesLoadedBy(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [path.join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)) {
      if (/\.(css|json)$/.test(m[1])) continue;
      const local = resolveLocal(file, m[1]);
      if (local) queue.push(local);
      else if (!packages.has(m[1])) packages.set(m[1], path.relative(root, file));
    }
  }
  return packages;
}
