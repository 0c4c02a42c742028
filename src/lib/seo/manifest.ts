/** The web app manifest in one locale: the product's name and description in that language. */
import type { MetadataRoute } from "next";
import type { AppLocale } from "@/i18n/routing";

export function webManifest(locale: AppLocale, t: { name: string; shortName: string; description: string; lab: string }): MetadataRoute.Manifest {
  return {
    id: "/",
    name: t.name,
    short_name: t.shortName,
    description: t.description,
    lang: locale,
    dir: "ltr",
    start_url: `/${locale}`,
    scope: "/",
    display: "standalone",
    background_color: "#f7f8fa",
    theme_color: "#0b5cad",
    categories: ["education", "developer tools"],
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [{ name: t.lab, url: `/${locale}/lab` }],
  };
}
