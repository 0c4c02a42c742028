"use client";

import { IntlMessageFormat } from "intl-messageformat";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { ExerciseLabControls } from "@/components/lab/LabApp";
import { Inline } from "@/components/quiz/Inline";
import { recordExercise } from "@/lib/exercises/progress";
import type { ExerciseStatus, StepStatus } from "@/lib/exercises/types";
import type { ExerciseView } from "@/lib/exercises/view";
import { saveSession } from "@/lib/lab/store";
import styles from "./exercises.module.css";
import { exerciseProgress } from "./store";

function foundText(exercise: ExerciseView, locale: string, found: NonNullable<StepStatus["found"]>): string {
  const template = exercise.found[found.key] ?? exercise.found.error;
  try {
    return String(new IntlMessageFormat(template, locale).format(found.values ?? {}));
  } catch {
    return template;
  }
}

/** A question step: one option to choose, sent to the worker, whose check says whether it was right. */
function Question({ step, question, onAnswer }: { step: string; question: { prompt: string; options: string[] }; onAnswer(choice: number): void }) {
  const t = useTranslations("exercises.panel");
  const [choice, setChoice] = useState<number | null>(null);
  return (
    <fieldset className={styles.question} data-testid="question">
      <legend>
        <Inline text={question.prompt} />
      </legend>
      {question.options.map((o, i) => (
        <label key={i}>
          <input type="radio" name={`q-${step}`} checked={choice === i} onChange={() => setChoice(i)} /> <Inline text={o} />
        </label>
      ))}
      <button type="button" disabled={choice === null} onClick={() => choice !== null && onAnswer(choice)} data-testid="answer">
        {t("answer")}
      </button>
    </fieldset>
  );
}

/**
 * The step list beside the terminals: done ticks, the current step's goal and hints, a fail check's
 * explanation as soon as it matches, "Check" saying what was expected and found, the solution after a
 * confirmation, reset, and the way on to the free lab.
 */
export function StepPanel(props: {
  locale: string;
  exercise: ExerciseView;
  status: ExerciseStatus | null;
  explained: ExerciseStatus | null;
  controls: ExerciseLabControls;
}) {
  const { locale, exercise, status, explained, controls } = props;
  const t = useTranslations("exercises.panel");
  const [hints, setHints] = useState<Record<string, number>>({});
  const [solution, setSolution] = useState(false);
  const slug = exercise.slug;
  const router = useRouter();

  // The first command starts the exercise (in the index: "in progress").
  const started = controls.commands > 0;
  useEffect(() => {
    if (started) exerciseProgress.update((p) => recordExercise(p, slug, {}));
  }, [started, slug]);

  const done = new Set(status?.steps.filter((s) => s.done).map((s) => s.id));
  const current = exercise.steps.find((s) => !done.has(s.id)) ?? null;
  const shown = current ? (hints[current.id] ?? 0) : 0;
  const complete = status?.complete ?? false;

  const onHint = () => {
    if (!current || shown >= current.hints.length) return;
    const next = { ...hints, [current.id]: shown + 1 };
    setHints(next);
    const total = Object.values(next).reduce((a, b) => a + b, 0);
    exerciseProgress.update((p) => recordExercise(p, slug, { hints: total }));
  };
  const onSolution = () => {
    if (!window.confirm(t("confirmSolution"))) return;
    setSolution(true);
    exerciseProgress.update((p) => recordExercise(p, slug, { solutionShown: true }));
  };
  const onReset = () => {
    if (!window.confirm(t("confirmReset"))) return;
    setHints({});
    controls.reset();
  };
  const onContinue = async () => {
    if (!window.confirm(t("confirmContinue"))) return;
    const { session } = await controls.ask<"exercise-session">({ type: "exercise-export" });
    await saveSession({ version: 1, ...session, history: {}, source: null }).catch(() => undefined);
    router.push(`/${locale}/lab`);
  };

  const explainedStep = current && explained?.steps.find((s) => s.id === current.id);

  return (
    <aside className={styles.panel} aria-labelledby="steps-title" data-testid="step-panel">
      <h2 id="steps-title" className={styles.panelTitle}>
        {t("title")}
      </h2>
      <ol className={styles.steps}>
        {exercise.steps.map((s, i) => {
          const isDone = done.has(s.id);
          const isCurrent = current?.id === s.id;
          return (
            <li key={s.id} className={styles.step} data-state={isDone ? "done" : isCurrent ? "current" : "todo"} data-testid={`step-${s.id}`} aria-current={isCurrent ? "step" : undefined}>
              <span className={styles.mark} aria-hidden="true">
                {isDone ? "✓" : i + 1}
              </span>
              <span className={styles.stepBody}>
                <span className={styles.stepTitle}>
                  {s.title} <span className="visually-hidden">({isDone ? t("stepDone") : isCurrent ? t("stepCurrent") : t("stepTodo")})</span>
                </span>
                {isCurrent && (
                  <span className={styles.goal} data-testid="current-goal">
                    <strong>{t("goal")}:</strong> <Inline text={s.goal} />
                  </span>
                )}
                {isCurrent && s.question && <Question key={s.id} step={s.id} question={s.question} onAnswer={(choice) => controls.send({ type: "exercise-answer", step: s.id, choice })} />}
                {isCurrent && shown > 0 && (
                  <ol className={styles.hints} data-testid="hints">
                    {s.hints.slice(0, shown).map((h, k) => (
                      <li key={k}>
                        <Inline text={h} />
                      </li>
                    ))}
                  </ol>
                )}
              </span>
            </li>
          );
        })}
      </ol>

      {status && status.fails.length > 0 && (
        <div role="alert" className={styles.fail} data-testid="fail-check">
          {status.fails.map((id) => (
            <p key={id}>
              <strong>{t("wrongTurn")}:</strong> <Inline text={exercise.fails[id] ?? id} />
            </p>
          ))}
        </div>
      )}

      <div role="status" aria-live="polite" className={styles.checkResult} data-testid="check-result">
        {complete ? (
          <p className={styles.complete}>{t("complete")}</p>
        ) : explained && current ? (
          <>
            <p>
              <Inline text={t("expected", { goal: current.goal })} />
            </p>
            {explainedStep?.found && <p>{t("found", { found: foundText(exercise, locale, explainedStep.found) })}</p>}
          </>
        ) : explained ? (
          <p>{t("allMet")}</p>
        ) : null}
      </div>

      {complete && (
        <p className={styles.nextLinks}>
          {exercise.next ? (
            <a href={`/${locale}/exercises/${exercise.next.slug}`} data-testid="next-exercise">
              {t("next", { title: exercise.next.title })} →
            </a>
          ) : (
            <a href={`/${locale}/exercises`}>{t("index")}</a>
          )}
        </p>
      )}

      <div className={styles.actions}>
        <button type="button" className={styles.primary} onClick={() => controls.send({ type: "exercise-check" })} data-testid="check">
          {t("check")}
        </button>
        <button
          type="button"
          onClick={onHint}
          disabled={!current || shown >= current.hints.length}
          title={current && shown >= current.hints.length ? t("noMoreHints") : undefined}
          data-testid="hint"
        >
          {current && shown > 0 ? t("hintCount", { shown, total: current.hints.length }) : t("hint")}
        </button>
        <button type="button" onClick={onSolution} data-testid="show-solution">
          {t("showSolution")}
        </button>
        <button type="button" onClick={onReset} data-testid="reset-exercise">
          {t("reset")}
        </button>
        <button type="button" onClick={() => void onContinue()} data-testid="continue-free">
          {t("continue")}
        </button>
      </div>

      {solution && (
        <section className={styles.solution} aria-labelledby="solution-title" data-testid="solution">
          <h3 id="solution-title">{t("solution")}</h3>
          <p>{t("solutionLead")}</p>
          <ol>
            {exercise.solution.map((c, i) => (
              <li key={i}>
                {"answer" in c ? (
                  t("answerIs", { answer: c.answer })
                ) : (
                  <>
                    <span className={styles.pane}>{t("inPane", { pane: c.pane })}</span> <code>{c.line}</code>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </aside>
  );
}
