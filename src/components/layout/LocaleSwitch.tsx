"use client";

import { usePathname } from "next/navigation";
import { LOCALE_LABELS, routing, type AppLocale } from "@/i18n/routing";
import styles from "./layout.module.css";
import { NoPrefetchLink } from "./NoPrefetchLink";

export interface LocaleSwitchLabels {
  language: string;
  /** Per target locale: "Read this page in UA". */
  switchTo: Record<AppLocale, string>;
}

/** The same path with another locale prefix (paths are always /<locale>/…). */
export function swapLocale(pathname: string, to: AppLocale): string {
  const rest = pathname.replace(/^\/(en|uk)(?=\/|$)/, "");
  return `/${to}${rest}`;
}

/**
 * EN ⇄ UA: the same page in the other locale. Plain links rendered on the server too, so it works
 * without JavaScript; strings come from the server so no i18n runtime ships with public pages.
 */
export function LocaleSwitch({ locale, labels }: { locale: AppLocale; labels: LocaleSwitchLabels }) {
  const pathname = usePathname() ?? `/${locale}`;
  return (
    <nav aria-label={labels.language} className={styles.locales}>
      {routing.locales.map((l) =>
        l === locale ? (
          <span key={l} aria-current="true" className={styles.localeCurrent} lang={l}>
            {LOCALE_LABELS[l]}
          </span>
        ) : (
          // Not prefetched: the same page in the other language is rarely asked for, and on the lab, the quiz and
          // the exercises a prefetch is a server render per page view.
          <NoPrefetchLink key={l} href={swapLocale(pathname, l)} hrefLang={l} lang={l} className={styles.locale} title={labels.switchTo[l]}>
            {LOCALE_LABELS[l]}
          </NoPrefetchLink>
        ),
      )}
    </nav>
  );
}
