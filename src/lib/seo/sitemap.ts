/** The sitemap and robots rules, from plain data (tests build them without a server). */
import type { MetadataRoute } from "next";
import { routing, type AppLocale } from "@/i18n/routing";
import { languageAlternates } from "./metadata";

export interface PublishedPage {
  slug: string;
  locale: AppLocale;
  updatedAt: Date;
}

/**
 * Each locale's home and lab, then every question page in every locale it is published in, with its
 * other-language addresses and the date of its published revision (the home changes with any of them).
 */
export function sitemapEntries(origin: string, pages: PublishedPage[]): MetadataRoute.Sitemap {
  const abs = (path: string) => new URL(path, `${origin}/`).toString();
  const bySlug = new Map<string, PublishedPage[]>();
  for (const p of pages) bySlug.set(p.slug, [...(bySlug.get(p.slug) ?? []), p]);
  const latest = new Map<AppLocale, Date>();
  for (const p of pages) if (!latest.has(p.locale) || latest.get(p.locale)! < p.updatedAt) latest.set(p.locale, p.updatedAt);

  const entries: MetadataRoute.Sitemap = [];
  for (const locale of routing.locales) {
    entries.push({
      url: abs(`/${locale}`),
      ...(latest.has(locale) ? { lastModified: latest.get(locale) } : {}),
      alternates: { languages: languageAlternates(origin, "") },
    });
  }
  for (const [slug, versions] of bySlug) {
    const locales = routing.locales.filter((l) => versions.some((v) => v.locale === l));
    for (const v of versions) {
      entries.push({
        url: abs(`/${v.locale}/q/${slug}`),
        lastModified: v.updatedAt,
        alternates: { languages: languageAlternates(origin, `/q/${slug}`, locales) },
      });
    }
  }
  for (const locale of routing.locales) {
    entries.push({ url: abs(`/${locale}/lab`), alternates: { languages: languageAlternates(origin, "/lab") } });
  }
  return entries;
}

/** Paths kept out of search results: people's accounts, moderation, sign-in, the edit forms, the API. */
export const DISALLOWED = [
  "/api/",
  ...routing.locales.flatMap((l) => [`/${l}/moderation`, `/${l}/account`, `/${l}/signin`, `/${l}/suggestion/`, `/${l}/q/*/suggest`]),
];

export function robotsRules(origin: string): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: DISALLOWED }],
    sitemap: new URL("/sitemap.xml", `${origin}/`).toString(),
  };
}
