/**
 * Every route the app serves, read from src/app as Next reads it: pages, route handlers, metadata
 * routes (share images, manifest, robots, sitemap) and static metadata files; and Next's image optimizer. A file of a kind this
 * module does not know, or a dynamic segment it has no values for, is an error: a new route is
 * fuzzed from the day it is added, or the fuzz says what it lacks.
 */
import fs from "node:fs";
import path from "node:path";

export type RouteKind = "page" | "handler" | "image" | "static";
export interface Route {
  /** e.g. "/[locale]/q/[slug]" or "/api/images/[id]". */
  template: string;
  kind: RouteKind;
  /** The source file, relative to src/app. */
  file: string;
}

/** Files that make no route of their own (layouts wrap pages; not-found answers the fuzz's broken paths). */
const NOT_ROUTES = /^(layout|template|not-found|error|global-error|loading|default)\.tsx?$|\.css$|\.test\.tsx?$/;

/** Metadata files: the address each one is served at, relative to its folder. */
const METADATA: Record<string, { at: string; kind: RouteKind }> = {
  // Next names each generated image by generateImageMetadata's id; the app's are all "card".
  "opengraph-image.tsx": { at: "opengraph-image/card", kind: "image" },
  "manifest.ts": { at: "manifest.webmanifest", kind: "handler" },
  "robots.ts": { at: "robots.txt", kind: "handler" },
  "sitemap.ts": { at: "sitemap.xml", kind: "handler" },
  "icon.svg": { at: "icon.svg", kind: "static" },
  "apple-icon.png": { at: "apple-icon.png", kind: "static" },
  "favicon.ico": { at: "favicon.ico", kind: "static" },
};

/** What the server answers that is not under src/app: Next's image optimizer (it resizes any local image asked for). */
const FRAMEWORK_ROUTES: Route[] = [{ template: "/_next/image", kind: "handler", file: "(next)" }];

export function appRoutes(appDir: string): Route[] {
  const routes: Route[] = [...FRAMEWORK_ROUTES];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_")) continue; // private folders
        // Route groups and parallel slots add no segment.
        const adds = /^\(.*\)$/.test(entry.name) || entry.name.startsWith("@") ? [] : [entry.name];
        walk(file, [...segments, ...adds]);
        continue;
      }
      const rel = path.relative(appDir, file);
      const at = (tail: string[]) => "/" + [...segments, ...tail].join("/");
      if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) routes.push({ template: at([]), kind: "page", file: rel });
      else if (/^route\.(ts|js)$/.test(entry.name)) routes.push({ template: at([]), kind: "handler", file: rel });
      else if (METADATA[entry.name]) routes.push({ template: at(METADATA[entry.name].at.split("/")), kind: METADATA[entry.name].kind, file: rel });
      else if (!NOT_ROUTES.test(entry.name)) throw new Error(`The HTTP fuzz does not know what route src/app/${rel} makes; teach e2e/fuzz/routes.ts.`);
    }
  };
  walk(appDir, []);
  return routes;
}

/** The dynamic segments of a template, each named with the static segment before it ("q/[slug]"). */
export function dynamicSegments(template: string): string[] {
  const parts = template.split("/").filter(Boolean);
  return parts.flatMap((p, i) => (p.startsWith("[") ? [`${parts[i - 1] ?? ""}/${p}`] : []));
}

/** Fills a template's dynamic segments from `values` (keyed as dynamicSegments names them). */
export function fill(template: string, values: Record<string, string>): string {
  const parts = template.split("/");
  return parts
    .map((p, i) => {
      if (!p.startsWith("[")) return p;
      const key = `${parts.slice(0, i).filter(Boolean).at(-1) ?? ""}/${p}`;
      const v = values[key];
      if (v === undefined) throw new Error(`no value for ${key} in ${template}`);
      return v;
    })
    .join("/");
}
