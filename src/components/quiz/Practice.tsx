"use client";

import { useEffect, useRef, useState } from "react";
import { recordAttempt } from "@/lib/quiz/progress";
import type { QuizItem } from "@/lib/quiz/schema";
import { scoreAnswer, type Score } from "@/lib/quiz/score";
import { Feedback } from "./Feedback";
import { Question, type Submission } from "./Question";
import styles from "./quiz.module.css";
import { updateProgress } from "./store";
import { useQuizT } from "./QuizText";

/** Practice: one item at a time, instant feedback with every explanation and the link to the section. */
export function Practice({ items }: { items: QuizItem[] }) {
  const t = useQuizT();
  const [set, setSet] = useState(items);
  const [index, setIndex] = useState(0);
  const [done, setDone] = useState<{ submission: Submission; score: Score } | null>(null);
  const [missed, setMissed] = useState<string[]>([]);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const item = set[index];

  useEffect(() => {
    if (done) feedbackRef.current?.focus();
  }, [done]);

  function submit(submission: Submission) {
    const score = scoreAnswer(item, submission.answer);
    setDone({ submission, score });
    if (!score.correct) setMissed((m) => (m.includes(item.id) ? m : [...m, item.id]));
    updateProgress((p) => recordAttempt(p, item.id, score.correct, new Date()));
  }

  function restart(list: QuizItem[]) {
    setSet(list);
    setIndex(0);
    setDone(null);
    setMissed([]);
  }

  if (!item) {
    const missedItems = items.filter((i) => missed.includes(i.id));
    return (
      <section className={styles.panel} aria-labelledby="practice-done">
        <h2 id="practice-done">{t("practice.done")}</h2>
        <p className={styles.actions}>
          {missedItems.length > 0 && (
            <button type="button" className={styles.primary} onClick={() => restart(missedItems)}>
              {t("practice.missedOnly", { count: missedItems.length })}
            </button>
          )}
          <button type="button" className={styles.secondary} onClick={() => restart(items)}>
            {t("practice.again")}
          </button>
        </p>
      </section>
    );
  }

  const last = index === set.length - 1;
  return (
    <section className={styles.panel} aria-label={t("practice.title")}>
      <Question
        key={`${item.id}/${index}`}
        item={item}
        counter={t("item.counter", { n: index + 1, total: set.length })}
        submitLabel={t("item.check")}
        locked={done !== null}
        onSubmit={submit}
      />
      {done && (
        <>
          <Feedback ref={feedbackRef} item={item} answer={done.submission.answer} score={done.score} command={done.submission.command} />
          <p className={styles.actions}>
            <button
              type="button"
              className={styles.primary}
              onClick={() => {
                setIndex(index + 1);
                setDone(null);
              }}
              data-testid="next"
            >
              {last ? t("item.finish") : t("item.next")} →
            </button>
          </p>
        </>
      )}
    </section>
  );
}
