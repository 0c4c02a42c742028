/**
 * Link-preview and search metadata for a page, from plain data (no database, no request): the
 * absolute canonical address, the other language's address, and Open Graph / Twitter card tags.
 * The share image comes from the route's `opengraph-image` (Next adds its tags); Twitter reads the
 * same image through `twitter:image`.
 */
import type { Metadata } from "next";
import { routing, type AppLocale } from "@/i18n/routing";

/** Open Graph writes locales as language_TERRITORY. */
export const OG_LOCALE: Record<AppLocale, string> = { en: "en_US", uk: "uk_UA" };

const absolute = (origin: string, path: string) => new URL(path, `${origin}/`).toString();

/** `path` in every locale (and `x-default`, the default locale's), absolute. `path` starts after the locale: "" or "/q/slug". */
export function languageAlternates(origin: string, path: string, locales: readonly AppLocale[] = routing.locales): Record<string, string> {
  const languages: Record<string, string> = {};
  for (const l of locales) languages[l] = absolute(origin, `/${l}${path}`);
  const fallback = locales.includes(routing.defaultLocale) ? routing.defaultLocale : locales[0];
  if (fallback) languages["x-default"] = absolute(origin, `/${fallback}${path}`);
  return languages;
}

export interface PageMeta {
  origin: string;
  locale: AppLocale;
  /** After the locale: "" for home, "/q/<slug>", "/lab". */
  path: string;
  title: string;
  description: string;
  siteName: string;
  type: "website" | "article";
  /** The share image's address and its text alternative. */
  image: { url: string; alt: string; width: number; height: number };
  /** For articles: when the published revision was made. */
  modifiedTime?: Date;
  /** Locales the page exists in (all by default). */
  locales?: readonly AppLocale[];
}

export function pageMetadata(p: PageMeta): Metadata {
  const locales = p.locales ?? routing.locales;
  const url = absolute(p.origin, `/${p.locale}${p.path}`);
  const image = { ...p.image, url: absolute(p.origin, p.image.url), type: "image/png" };
  return {
    title: p.title,
    description: p.description,
    alternates: { canonical: url, languages: languageAlternates(p.origin, p.path, locales) },
    openGraph: {
      type: p.type,
      url,
      title: p.title,
      description: p.description,
      siteName: p.siteName,
      locale: OG_LOCALE[p.locale],
      alternateLocale: locales.filter((l) => l !== p.locale).map((l) => OG_LOCALE[l]),
      images: [image],
      ...(p.type === "article" && p.modifiedTime ? { modifiedTime: p.modifiedTime.toISOString() } : {}),
    },
    twitter: { card: "summary_large_image", title: p.title, description: p.description, images: [image] },
  };
}
