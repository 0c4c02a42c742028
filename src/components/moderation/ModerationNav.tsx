"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import styles from "./moderation.module.css";

export function ModerationNav({ locale }: { locale: string }) {
  const t = useTranslations("moderation");
  const path = usePathname();
  const links = [
    { href: `/${locale}/moderation`, label: t("nav.queue") },
    { href: `/${locale}/moderation/history`, label: t("nav.history") },
    { href: `/${locale}/moderation/audit`, label: t("nav.audit") },
    { href: `/${locale}/moderation/quiz`, label: t("nav.quiz") },
  ];
  return (
    <nav aria-label={t("title")} className={styles.nav}>
      {links.map((l) => (
        <a key={l.href} href={l.href} aria-current={path === l.href ? "page" : undefined} className={styles.navLink}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
