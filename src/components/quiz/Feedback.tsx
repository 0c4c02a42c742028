"use client";

import { forwardRef } from "react";
import type { Miss } from "@/lib/quiz/goals";
import type { QuizItem } from "@/lib/quiz/schema";
import type { Answer, Score } from "@/lib/quiz/score";
import { Inline } from "./Inline";
import type { CommandCheck } from "./Question";
import styles from "./quiz.module.css";
import { useQuizLocale, useQuizT } from "./QuizText";

export function sectionHref(locale: string, item: QuizItem): string {
  return `/${locale}/q/${item.section.slug}#${encodeURIComponent(item.section.anchor)}`;
}

export function MissText({ miss }: { miss: Miss }) {
  const t = useQuizT();
  const { code, ...data } = miss;
  return <>{t(`miss.${code}`, data as Record<string, string | number>)}</>;
}

interface Props {
  item: QuizItem;
  answer: Answer;
  score: Score;
  command?: CommandCheck;
  /** In a review list, where the question itself is not shown above. */
  showPrompt?: boolean;
}

/** The verdict, why each option is right or wrong, and the link to the section the item comes from. */
export const Feedback = forwardRef<HTMLDivElement, Props>(function Feedback({ item, answer, score, command, showPrompt = false }, ref) {
  const t = useQuizT();
  const locale = useQuizLocale();
  const verdict = score.correct ? t("item.correct") : score.credit > 0 ? t("item.partly", { percent: Math.round(score.credit * 100) }) : t("item.wrong");
  const picked = (i: number) => (answer.kind === "single" ? answer.choice === i : answer.kind === "multi" ? answer.choices.includes(i) : false);

  return (
    <div ref={ref} tabIndex={-1} className={`${styles.feedback} ${score.correct ? styles.right : styles.wrongBox}`} data-testid="feedback">
      {showPrompt && (
        <h3 className={styles.prompt}>
          <Inline text={item.prompt} />
        </h3>
      )}
      <p className={styles.verdict} role={showPrompt ? undefined : "status"}>
        <span aria-hidden="true">{score.correct ? "✓ " : "✗ "}</span>
        {verdict}
      </p>

      {(item.kind === "single" || item.kind === "multi") && (
        <ul className={styles.explanations}>
          {item.options.map((o, i) => {
            const right = item.kind === "single" ? item.correct === i : item.correct.includes(i);
            return (
              <li key={i} className={right ? styles.explRight : styles.explWrong}>
                <p className={styles.explHead}>
                  <span aria-hidden="true">{right ? "✓" : "✗"}</span> <Inline text={o.text} />
                  {right && <span className={styles.tag}>{t("item.rightAnswer")}</span>}
                  {picked(i) && <span className={styles.tagMine}>{t("item.yourPick")}</span>}
                </p>
                <p className={styles.why}>
                  <Inline text={o.why} />
                </p>
              </li>
            );
          })}
        </ul>
      )}

      {item.kind === "truefalse" && answer.kind === "truefalse" && (
        <p>{t("interview.yourAnswer", { answer: answer.value ? t("item.true") : t("item.false") })}</p>
      )}
      {item.kind === "truefalse" && (
        <p className={styles.why}>
          <strong>{item.answer ? t("item.true") : t("item.false")}.</strong> <Inline text={item.why} />
        </p>
      )}

      {item.kind === "order" && answer.kind === "order" && !score.correct && (
        <>
          <p className={styles.explHead}>{t("item.yourOrder")}</p>
          <ol className={styles.rightOrder}>
            {answer.order.map((s) => (
              <li key={s}>
                <Inline text={item.steps[s]} />
              </li>
            ))}
          </ol>
        </>
      )}
      {item.kind === "order" && (
        <>
          <p className={styles.explHead}>{t("item.correctOrder")}</p>
          <ol className={styles.rightOrder}>
            {item.steps.map((s, i) => (
              <li key={i}>
                <Inline text={s} />
              </li>
            ))}
          </ol>
          <p className={styles.why}>
            <Inline text={item.why} />
          </p>
        </>
      )}

      {item.kind === "command" && command && (
        <>
          <p className={styles.explHead}>{t("command.output")}</p>
          <pre className={styles.transcript} data-testid="transcript">
            {command.transcript.map((l, i) => (
              <span key={i}>
                <span className={styles.promptSign}>node-1$ </span>
                {l.command}
                {"\n"}
                {l.stdout}
                {l.stderr && <span className={styles.stderr}>{l.stderr}</span>}
                {!l.stdout && !l.stderr && `${t("command.noOutput")}\n`}
                {l.exitCode !== 0 && <span className={styles.exit}>{`[${t("command.exit", { code: l.exitCode })}]\n`}</span>}
              </span>
            ))}
          </pre>
          {command.passed ? (
            <p>{t("command.passed")}</p>
          ) : (
            <>
              <p className={styles.explHead}>{t("command.missed")}</p>
              <ul data-testid="misses">
                {command.misses.map((m, i) => (
                  <li key={i}>
                    <MissText miss={m} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className={styles.explHead}>{t("command.reference")}</p>
          <pre className={styles.transcript}>{item.solution}</pre>
          <p className={styles.why}>
            <Inline text={item.why} />
          </p>
        </>
      )}

      <p className={styles.sectionLink}>
        <a href={sectionHref(locale, item)} data-testid="section-link">
          {t("item.section", { heading: item.section.heading })}
        </a>{" "}
        <span className={styles.hint}>{t("item.sectionOf", { question: item.section.questionTitle })}</span>
      </p>
      {item.section.exercises.map((e) => (
        <p key={e.slug} className={styles.sectionLink}>
          <a href={`/${locale}/exercises/${e.slug}`} data-testid="exercise-link">
            {t("item.exercise", { number: e.number, title: e.title })}
          </a>
        </p>
      ))}    </div>
  );
});
