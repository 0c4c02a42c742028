"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Inline } from "@/components/quiz/Inline";
import { useTRPC } from "@/trpc/client";
import styles from "./moderation.module.css";

/** Quiz items marked for review by a published change to the section they cite. */
export function QuizReviewView({ locale }: { locale: "en" | "uk" }) {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const trpc = useTRPC();
  const client = useQueryClient();
  const queue = useQuery(trpc.quiz.reviewQueue.queryOptions({ locale }));
  const done = useMutation(
    trpc.quiz.markReviewed.mutationOptions({ onSuccess: () => client.invalidateQueries({ queryKey: trpc.quiz.reviewQueue.queryKey() }) }),
  );
  const items = queue.data ?? [];
  return (
    <section className={styles.stack} aria-labelledby="quiz-review-heading">
      <h2 id="quiz-review-heading" className={styles.paneTitle}>
        {t("quizReview.heading")}
      </h2>
      <p className={styles.muted}>{t("quizReview.lead")}</p>
      {(queue.isError || done.isError) && (
        <p className={styles.error} role="alert">
          {t("quizReview.failed", { message: (queue.error ?? done.error)?.message ?? "" })}
        </p>
      )}
      {queue.isSuccess && items.length === 0 && <p className={styles.muted}>{t("quizReview.empty")}</p>}
      {items.length > 0 && (
        <ul className={styles.stack} data-testid="quiz-review">
          {items.map((item) => (
            <li key={item.id} data-item={item.id}>
              <p>
                <strong>
                  <Inline text={item.prompt} />
                </strong>
              </p>
              <p className={styles.muted}>
                <code>{item.id}</code> · {t("quizReview.changed", { topic: item.topic, revision: item.revision ?? 0, locale: t(`locales.${item.locale === "uk" ? "uk" : "en"}`) })}
                {item.since && ` · ${format.dateTime(new Date(item.since), { dateStyle: "medium", timeStyle: "short" })}`}
              </p>
              <p>
                <a href={`/${locale}/q/${item.topic}#${encodeURIComponent(item.anchor)}`}>
                  {t("quizReview.open")}: {item.heading}
                </a>{" "}
                <button type="button" className={styles.secondary} onClick={() => done.mutate({ id: item.id })} disabled={done.isPending}>
                  {t("quizReview.done")}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
