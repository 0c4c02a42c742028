import type { MetadataRoute } from "next";
import { routing } from "@/i18n/routing";
import { localizedManifest } from "@/server/manifest";

// At the conventional address, for tools that look there: the default locale's manifest (pages link
// their own language's, /<locale>/manifest.webmanifest).
export default function manifest(): Promise<MetadataRoute.Manifest> {
  return localizedManifest(routing.defaultLocale);
}
