import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getTranslations } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { OFFLINE_FILES, OFFLINE_PAGE_PATTERNS, PRECACHED_PAGES } from "@/lib/offline/config";

// Built once per process from the files of this build, then the same bytes for every request: the
// browser compares them to decide whether a new version is ready.
export const dynamic = "force-dynamic";

async function files(dir: string, prefix: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const rel = `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...(await files(path.join(dir, e.name), rel)));
    else if (!e.name.endsWith(".map")) out.push(rel);
  }
  return out;
}

async function build(): Promise<string> {
  // Every file the build serves under /_next/static (chunks, workers, CSS, fonts): precached, so the
  // lab's lazily loaded parts (xterm, the worker, sim-core) are there offline after one visit.
  const assets = (await files(path.join(process.cwd(), ".next/static"), "/_next/static")).sort();
  const offline = Object.fromEntries(
    await Promise.all(
      routing.locales.map(async (locale) => {
        const t = await getTranslations({ locale, namespace: "site.offline" });
        return [locale, { title: t("title"), body: t("body"), lab: t("openLab"), retry: t("retry") }] as const;
      }),
    ),
  );
  const source = await fs.readFile(path.join(process.cwd(), "src/lib/offline/service-worker.js"), "utf8");
  const config = {
    assets: [...assets, ...OFFLINE_FILES],
    files: OFFLINE_FILES,
    pages: OFFLINE_PAGE_PATTERNS,
    precache: PRECACHED_PAGES,
    locales: routing.locales,
    defaultLocale: routing.defaultLocale,
    offline,
  };
  const version = createHash("sha256").update(JSON.stringify(config)).update(source).digest("hex").slice(0, 16);
  return `const CONFIG = ${JSON.stringify({ version, ...config })};\n${source}`;
}

let script: Promise<string> | undefined;

export async function GET(): Promise<Response> {
  script ??= build().catch((error: unknown) => {
    script = undefined;
    throw error;
  });
  return new Response(await script, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      // The browser checks for a new version on every navigation; nothing in between may keep it.
      "Cache-Control": "no-cache, no-store, max-age=0",
    },
  });
}
