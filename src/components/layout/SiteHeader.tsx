import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountSlot } from "@/components/auth/AccountSlot";
import { LOCALE_LABELS, routing, type AppLocale } from "@/i18n/routing";
import { LocaleSwitch } from "./LocaleSwitch";
import styles from "./layout.module.css";
import { NoPrefetchLink } from "@/components/layout/NoPrefetchLink";

export async function SiteHeader({ locale }: { locale: AppLocale }) {
  const t = await getTranslations("site.nav");
  const switchTo = Object.fromEntries(routing.locales.map((l) => [l, t("switchTo", { language: LOCALE_LABELS[l] })])) as Record<AppLocale, string>;
  return (
    <header className={styles.header}>
      <div className={`container ${styles.headerInner}`}>
        <Link href={`/${locale}`} className={styles.brand}>
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 28 28" className={styles.logo}>
            <rect x="1" y="1" width="26" height="26" rx="7" fill="currentColor" opacity="0.14" />
            <circle cx="8" cy="19" r="3.2" fill="currentColor" />
            <circle cx="20" cy="19" r="3.2" fill="currentColor" />
            <path d="M8 15.5C8 9 20 9 20 15.5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
          <span>{t("home")}</span>
        </Link>
        <div className={styles.headerEnd}>
          <NoPrefetchLink href={`/${locale}/lab`} className={styles.navLink} data-testid="nav-lab">
            {t("lab")}
          </NoPrefetchLink>
          <NoPrefetchLink href={`/${locale}/quiz`} className={styles.navLink} data-testid="nav-quiz">
            {t("quiz")}
          </NoPrefetchLink>
          <LocaleSwitch locale={locale} labels={{ language: t("language"), switchTo }} />
          <AccountSlot locale={locale} />
        </div>
      </div>
    </header>
  );
}
