"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/client";
import styles from "./moderation.module.css";

/** The signed-in contributor's suggestions: status, the moderator's reason, revise-and-resubmit. */
export function MySuggestions({ locale }: { locale: "en" | "uk" }) {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const trpc = useTRPC();
  const mine = useInfiniteQuery(
    trpc.suggestion.mine.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const items = mine.data?.pages.flatMap((p) => p.items) ?? [];
  if (mine.isPending) return <p className={styles.muted}>{t("queue.loading")}</p>;
  if (mine.isError)
    return (
      <p className={styles.error} role="alert">
        {t("review.failed", { message: mine.error.message })}
      </p>
    );
  if (items.length === 0) return <p className={styles.muted}>{t("mine.empty")}</p>;
  return (
    <>
      <ol className={styles.mineList} data-testid="my-suggestions">
        {items.map((s) => (
          <li key={s.id} className={styles.mineItem} data-testid={`my-suggestion-${s.id}`}>
            <div className={styles.revisionHead}>
              <strong>
                #{s.id} · {s.questionTitle ?? s.questionSlug}
              </strong>
              <span className={styles.pill}>{t(`locales.${s.locale}`)}</span>
              <span className={`${styles.status} ${styles[`status_${s.status}`]}`}>{t(`status.${s.status}`)}</span>
            </div>
            <p className={styles.muted}>
              {t("mine.changed", { fields: s.changedFields.map((f) => t(`fields.${f}`)).join(", ") })} ·{" "}
              {t("mine.sent", { date: format.dateTime(new Date(s.createdAt), { dateStyle: "medium", timeStyle: "short" }) })}
              {s.decidedAt && <> · {t("mine.decided", { date: format.dateTime(new Date(s.decidedAt), { dateStyle: "medium", timeStyle: "short" }) })}</>}
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
            {s.status === "approved" && s.publishedRevisionId !== null && <p className={styles.success}>{t("mine.published")}</p>}
            <div className={styles.actions}>
              {s.status === "rejected" && (
                <a className={styles.primary} href={`/${locale}/q/${s.questionSlug}/suggest?revise=${s.id}`}>
                  {t("mine.revise")}
                </a>
              )}
              <a href={`/${s.locale}/q/${s.questionSlug}`}>{t("mine.view")}</a>
            </div>
          </li>
        ))}
      </ol>
      {mine.hasNextPage && (
        <button type="button" className={styles.secondary} disabled={mine.isFetchingNextPage} onClick={() => void mine.fetchNextPage()}>
          {t("mine.loadMore")}
        </button>
      )}
    </>
  );
}
