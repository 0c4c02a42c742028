"use client";

import { useEffect, useRef, useState } from "react";
import { clock, formatDuration, INTERVIEW_MS, INTERVIEW_SIZE, interviewSet, summarize } from "@/lib/quiz/interview";
import { recordAttempt, recordInterview } from "@/lib/quiz/progress";
import type { QuizItem } from "@/lib/quiz/schema";
import { scoreAnswer, type Score } from "@/lib/quiz/score";
import { Feedback } from "./Feedback";
import { Question, type Submission } from "./Question";
import styles from "./quiz.module.css";
import { updateProgress } from "./store";
import { useQuizT } from "./QuizText";

interface Result {
  item: QuizItem;
  submission: Submission;
  score: Score;
}

type Phase = { name: "intro" } | { name: "running"; set: QuizItem[]; startedAt: number; results: Result[] } | { name: "done"; results: Result[]; tookMs: number };

/** Interview: a timed set scored at the end, then a review of every mistake and a retry of just those. */
export function Interview({ items, topic }: { items: QuizItem[]; topic?: string }) {
  const t = useQuizT();
  const [phase, setPhase] = useState<Phase>({ name: "intro" });
  const [now, setNow] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (phase.name !== "running") return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [phase.name]);

  useEffect(() => {
    if (phase.name === "done") headingRef.current?.focus();
  }, [phase.name]);

  function start(set: QuizItem[]) {
    const at = Date.now();
    setNow(at);
    setPhase({ name: "running", set, startedAt: at, results: [] });
  }

  function answer(submission: Submission) {
    if (phase.name !== "running") return;
    const item = phase.set[phase.results.length];
    const results = [...phase.results, { item, submission, score: scoreAnswer(item, submission.answer) }];
    if (results.length < phase.set.length) return setPhase({ ...phase, results });
    const at = new Date();
    const summary = summarize(results.map((r) => ({ id: r.item.id, score: r.score })));
    updateProgress((p) => {
      let next = p;
      for (const r of results) next = recordAttempt(next, r.item.id, r.score.correct, at);
      return recordInterview(next, { at: at.toISOString(), points: summary.points, total: summary.total, ...(topic ? { topic } : {}) });
    });
    setPhase({ name: "done", results, tookMs: at.getTime() - phase.startedAt });
  }

  if (phase.name === "intro") {
    return (
      <section className={styles.panel} aria-labelledby="interview-title">
        <h2 id="interview-title">{t("interview.title")}</h2>
        <p>{t("interview.lead", { count: INTERVIEW_SIZE, minutes: INTERVIEW_MS / 60_000 })}</p>
        <p className={styles.actions}>
          <button type="button" className={styles.primary} onClick={() => start(interviewSet(items, String(Date.now()), topic))} data-testid="start-interview">
            {t("interview.start")}
          </button>
        </p>
      </section>
    );
  }

  if (phase.name === "running") {
    const index = phase.results.length;
    const item = phase.set[index];
    const c = clock(phase.startedAt, now);
    return (
      <section className={styles.panel} aria-label={t("interview.title")}>
        <p className={`${styles.timer} ${c.overtimeMs > 0 ? styles.overtime : ""}`} role="timer" aria-live="off" data-testid="timer">
          {c.overtimeMs > 0 ? t("interview.overtime", { time: formatDuration(c.overtimeMs) }) : `${t("interview.timeLeft")}: ${formatDuration(c.remainingMs)}`}
        </p>
        <Question
          key={`${item.id}/${index}`}
          item={item}
          counter={t("item.counter", { n: index + 1, total: phase.set.length })}
          submitLabel={index === phase.set.length - 1 ? t("interview.finish") : t("item.next")}
          onSubmit={answer}
        />
      </section>
    );
  }

  const summary = summarize(phase.results.map((r) => ({ id: r.item.id, score: r.score })));
  const mistakes = phase.results.filter((r) => !r.score.correct);
  return (
    <section className={styles.panel} aria-labelledby="interview-result">
      <h2 id="interview-result" ref={headingRef} tabIndex={-1} data-testid="interview-result">
        {t("interview.result", { points: summary.points, total: summary.total, percent: summary.percent, time: formatDuration(phase.tookMs) })}
      </h2>
      {mistakes.length === 0 ? (
        <p>{t("interview.perfect")}</p>
      ) : (
        <>
          <h3>{t("interview.review")}</h3>
          <ol className={styles.review}>
            {mistakes.map((r) => (
              <li key={r.item.id} data-testid="mistake">
                <Feedback item={r.item} answer={r.submission.answer} score={r.score} command={r.submission.command} showPrompt />
              </li>
            ))}
          </ol>
        </>
      )}
      <p className={styles.actions}>
        {mistakes.length > 0 && (
          <button type="button" className={styles.primary} onClick={() => start(mistakes.map((m) => m.item))} data-testid="retry-mistakes">
            {t("interview.retryMistakes")}
          </button>
        )}
        <button type="button" className={styles.secondary} onClick={() => setPhase({ name: "intro" })}>
          {t("interview.again")}
        </button>
      </p>
    </section>
  );
}
