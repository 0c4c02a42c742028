import { defineRouting } from "next-intl/routing";

export const routing = defineRouting({
  locales: ["en", "uk"],
  defaultLocale: "en",
  localePrefix: "always",
});

export type AppLocale = (typeof routing.locales)[number];

/** The UI shows Ukrainian as "UA" (the country-style label readers expect); its code stays `uk`. */
export const LOCALE_LABELS: Record<AppLocale, string> = { en: "EN", uk: "UA" };

export const isAppLocale = (value: string): value is AppLocale => (routing.locales as readonly string[]).includes(value);
