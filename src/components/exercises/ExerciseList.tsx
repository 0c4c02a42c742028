"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Inline } from "@/components/quiz/Inline";
import { exerciseState } from "@/lib/exercises/progress";
import styles from "./exercises.module.css";
import { exerciseProgress, useExerciseSync } from "./store";
import { NoPrefetchLink } from "@/components/layout/NoPrefetchLink";

export interface ExerciseCard {
  slug: string;
  number: number;
  title: string;
  summary: string;
  section: { href: string; title: string };
}

/** The exercises with this learner's progress on each (empty on the server, filled in from the browser). */
export function ExerciseList({ locale, exercises }: { locale: string; exercises: ExerciseCard[] }) {
  const t = useTranslations("exercises");
  useExerciseSync();
  const progress = exerciseProgress.useProgress();
  const states = exercises.map((e) => exerciseState(progress, e.slug));
  const done = states.filter((s) => s === "done" || s === "doneWithSolution").length;
  return (
    <>
      <p data-testid="exercises-summary">{t("index.summary", { done, total: exercises.length })}</p>
      <ol className={styles.list}>
        {exercises.map((e, i) => (
          <li key={e.slug}>
            <article className={styles.card} data-testid={`exercise-${e.slug}`}>
              <span className={styles.number}>{t("index.number", { number: e.number })}</span>
              <h2>
                <NoPrefetchLink href={`/${locale}/exercises/${e.slug}`}>{e.title}</NoPrefetchLink>
              </h2>
              <span className={styles.badge} data-state={states[i]} data-testid="exercise-state">
                {t(`state.${states[i]}`)}
              </span>
              <p>
                <Inline text={e.summary} />
              </p>
              <p className={styles.section}>
                <Link href={e.section.href}>{t("index.practises", { section: e.section.title })}</Link>
              </p>
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
