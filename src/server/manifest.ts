import { getTranslations } from "next-intl/server";
import type { AppLocale } from "@/i18n/routing";
import { webManifest } from "@/lib/seo/manifest";

/** The web app manifest in `locale`, its texts from the messages. */
export async function localizedManifest(locale: AppLocale) {
  const [meta, nav] = await Promise.all([getTranslations({ locale, namespace: "site.meta" }), getTranslations({ locale, namespace: "site.nav" })]);
  return webManifest(locale, { name: meta("appName"), shortName: meta("siteName"), description: meta("description"), lab: nav("lab") });
}
