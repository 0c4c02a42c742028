"use client";

import { useTranslations } from "next-intl";
import styles from "./moderation.module.css";

/**
 * The other translation's published text of one field, under the field's diff: a reviewer of a UA
 * suggestion reads the EN it translates (and the reverse), as Weblate shows the source beside a
 * translation. Open for the short fields; the answer opens on demand.
 */
export function SourceText({
  source,
  field,
}: {
  source: { locale: "en" | "uk"; number: number; title: string; shortAnswer: string; body: string };
  field: "title" | "shortAnswer" | "body";
}) {
  const t = useTranslations("moderation");
  return (
    <details className={styles.source} open={field !== "body"} data-testid="source-text">
      <summary>{t("review.sourceLabel", { locale: t(`locales.${source.locale}`), number: source.number })}</summary>
      {/* The answer's box scrolls: focusable, so a keyboard can scroll it too. */}
      <div className={field === "title" ? styles.sourceLine : styles.sourceText} lang={source.locale} tabIndex={field === "title" ? undefined : 0}>
        {source[field]}
      </div>
    </details>
  );
}
