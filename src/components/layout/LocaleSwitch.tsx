"use client";

import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import { LOCALE_LABELS, routing } from "@/i18n/routing";
import styles from "./layout.module.css";

/** EN ⇄ UA: the same page in the other locale (rendered as plain links, so it works without JS). */
export function LocaleSwitch() {
  const locale = useLocale();
  const pathname = usePathname();
  const t = useTranslations("site.nav");
  return (
    <nav aria-label={t("language")} className={styles.locales}>
      {routing.locales.map((l) =>
        l === locale ? (
          <span key={l} aria-current="true" className={styles.localeCurrent} lang={l}>
            {LOCALE_LABELS[l]}
          </span>
        ) : (
          <Link key={l} href={pathname} locale={l} hrefLang={l} lang={l} className={styles.locale} title={t("switchTo", { language: LOCALE_LABELS[l] })}>
            {LOCALE_LABELS[l]}
          </Link>
        ),
      )}
    </nav>
  );
}
