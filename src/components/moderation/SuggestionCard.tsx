"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { SuggestionView } from "@/server/services/suggestions";
import { ChangesView } from "./ChangesView";
import styles from "./moderation.module.css";

interface Props {
  s: SuggestionView;
  /** The page's locale, for links. */
  locale: "en" | "uk";
  /** Only a signed-in author can revise and resubmit. */
  canRevise: boolean;
  /** Show the diff open (the status page) or folded under its summary (the list). */
  changesOpen?: boolean;
}

/** One suggestion as its author sees it: status, reason, and their own change as a diff. */
export function SuggestionCard({ s, locale, canRevise, changesOpen = false }: Props) {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short" });
  const image = s.changes.image;
  return (
    <article className={styles.mineItem} data-testid={`my-suggestion-${s.id}`} aria-labelledby={`suggestion-${s.id}`}>
      <div className={styles.revisionHead}>
        <h2 id={`suggestion-${s.id}`} className={styles.cardHeading}>
          #{s.id} · {s.questionTitle ?? s.questionSlug}
        </h2>
        <span className={styles.pill}>{t(`locales.${s.locale}`)}</span>
        <span className={`${styles.status} ${styles[`status_${s.status}`]}`} data-testid="suggestion-status">
          {t(`status.${s.status}`)}
        </span>
      </div>
      <p className={styles.muted}>
        {t("mine.changed", { fields: s.changedFields.map((f) => t(`fields.${f}`)).join(", ") })} · {t("mine.sent", { date: when(s.createdAt) })}
        {s.decidedAt && <> · {t("mine.decided", { date: when(s.decidedAt) })}</>}
      </p>
      {s.reason && (
        <div className={styles.reasonBox}>
          <p className={styles.sideLabel}>{t("mine.reason")}</p>
          <p data-testid="reject-reason">
            {t(`reasons.${s.reason.code}`)}
            {s.reason.text && <> — {s.reason.text}</>}
          </p>
        </div>
      )}
      {s.status === "approved" && s.publishedRevisionId !== null && (
        <p className={styles.success} data-testid="published-note">
          {s.editedByModerator ? t("mine.publishedEdited") : t("mine.published")}
        </p>
      )}
      <details className={styles.changesBox} open={changesOpen}>
        <summary>{t("mine.yourChanges")}</summary>
        <ChangesView
          before={s.before}
          after={{
            title: s.changes.title,
            shortAnswer: s.changes.shortAnswer,
            body: s.changes.body,
            image: image ? (image.op === "remove" ? "remove" : { url: image.url }) : undefined,
          }}
          lang={s.locale}
        />
      </details>
      <div className={styles.actions}>
        {canRevise && s.status === "rejected" && (
          <a className={styles.primary} href={`/${locale}/q/${s.questionSlug}/suggest?revise=${s.id}`}>
            {t("mine.revise")}
          </a>
        )}
        <a href={`/${s.locale}/q/${s.questionSlug}`}>{t("mine.view")}</a>
      </div>
    </article>
  );
}
