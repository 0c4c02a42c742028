"use client";

import { useEffect, useId, useState } from "react";
import type { CheckResult } from "@/lib/quiz/check";
import type { QuizItem } from "@/lib/quiz/schema";
import { initialOrder, type Answer } from "@/lib/quiz/score";
import { checkInWorker, warmUpChecker } from "./checker";
import { Inline } from "./Inline";
import styles from "./quiz.module.css";
import { useQuizT } from "./QuizText";

export type CommandCheck = Extract<CheckResult, { status: "checked" }>;

export interface Submission {
  answer: Answer;
  /** For a command item: what the simulator printed and the goals missed. */
  command?: CommandCheck;
}

interface Props {
  item: QuizItem;
  counter?: string;
  submitLabel: string;
  /** Answered: inputs stay visible with the learner's picks, but cannot change. */
  locked?: boolean;
  onSubmit: (s: Submission) => void;
  headingLevel?: 2 | 3;
}

/** One question with its input (radio, checkboxes, true/false, a reorderable list or a command box). */
export function Question({ item, counter, submitLabel, locked = false, onSubmit, headingLevel = 2 }: Props) {
  const t = useQuizT();
  const id = useId();
  const [choice, setChoice] = useState<number | null>(null);
  const [choices, setChoices] = useState<number[]>([]);
  const [truth, setTruth] = useState<boolean | null>(null);
  const [order, setOrder] = useState<number[]>(() => (item.kind === "order" ? initialOrder(item) : []));
  const [moved, setMoved] = useState("");
  const [command, setCommand] = useState("");
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState("");

  useEffect(() => {
    if (item.kind === "command") warmUpChecker();
  }, [item.kind]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (locked || running) return;
    setProblem("");
    switch (item.kind) {
      case "single":
        if (choice === null) return setProblem(t("item.chooseFirst"));
        return onSubmit({ answer: { kind: "single", choice } });
      case "multi":
        if (choices.length === 0) return setProblem(t("item.chooseFirst"));
        return onSubmit({ answer: { kind: "multi", choices } });
      case "truefalse":
        if (truth === null) return setProblem(t("item.chooseFirst"));
        return onSubmit({ answer: { kind: "truefalse", value: truth } });
      case "order":
        return onSubmit({ answer: { kind: "order", order } });
      case "command": {
        setRunning(true);
        let result: CheckResult;
        try {
          result = await checkInWorker(item, command);
        } catch {
          setRunning(false);
          return setProblem(t("command.loadFailed"));
        }
        setRunning(false);
        if (result.status === "invalid") return setProblem(t(`command.invalid.${result.reason}`));
        return onSubmit({ answer: { kind: "command", passed: result.passed }, command: result });
      }
    }
  }

  function move(from: number, to: number) {
    if (item.kind !== "order" || to < 0 || to >= order.length) return;
    const next = [...order];
    [next[from], next[to]] = [next[to], next[from]];
    setOrder(next);
    setMoved(t("item.moved", { step: item.steps[next[to]], position: to + 1 }));
    // Keep focus on the step that moved, so it can be moved again with the same key.
    requestAnimationFrame(() => document.getElementById(`${id}-step-${next[to]}`)?.focus());
  }

  const Heading = headingLevel === 2 ? "h2" : "h3";
  const promptId = `${id}-prompt`;
  return (
    <form className={styles.question} onSubmit={submit} aria-labelledby={promptId} data-testid="question" data-item={item.id}>
      <p className={styles.kicker}>
        {counter && <span>{counter} · </span>}
        {t(`item.kind.${item.kind}`)}
      </p>
      <Heading id={promptId} className={styles.prompt}>
        <Inline text={item.prompt} />
      </Heading>

      <fieldset className={styles.fieldset} disabled={locked || running} aria-labelledby={promptId}>
        {(item.kind === "single" || item.kind === "multi") && (
          <ul className={styles.options}>
            {item.options.map((o, i) => (
              <li key={i}>
                <label className={styles.option}>
                  {item.kind === "single" ? (
                    <input type="radio" name={`${id}-choice`} checked={choice === i} onChange={() => setChoice(i)} />
                  ) : (
                    <input
                      type="checkbox"
                      checked={choices.includes(i)}
                      onChange={(e) => setChoices(e.target.checked ? [...choices, i].sort((a, b) => a - b) : choices.filter((c) => c !== i))}
                    />
                  )}
                  <span>
                    <Inline text={o.text} />
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}

        {item.kind === "truefalse" && (
          <ul className={`${styles.options} ${styles.inline}`}>
            {[true, false].map((v) => (
              <li key={String(v)}>
                <label className={styles.option}>
                  <input type="radio" name={`${id}-tf`} checked={truth === v} onChange={() => setTruth(v)} />
                  <span>{v ? t("item.true") : t("item.false")}</span>
                </label>
              </li>
            ))}
          </ul>
        )}

        {item.kind === "order" && (
          <>
            <ol className={styles.steps}>
              {order.map((step, pos) => (
                <li key={step} className={styles.step}>
                  <span className={styles.stepRow}>
                    <span className={styles.stepText} id={`${id}-step-${step}`} tabIndex={-1}>
                      <Inline text={item.steps[step]} />
                    </span>
                    <span className={styles.stepButtons}>
                      <button type="button" className={styles.iconButton} onClick={() => move(pos, pos - 1)} disabled={pos === 0} aria-label={t("item.moveUp", { step: item.steps[step] })}>
                        ↑
                      </button>
                      <button
                        type="button"
                        className={styles.iconButton}
                        onClick={() => move(pos, pos + 1)}
                        disabled={pos === order.length - 1}
                        aria-label={t("item.moveDown", { step: item.steps[step] })}
                      >
                        ↓
                      </button>
                    </span>
                  </span>
                </li>
              ))}
            </ol>
            <p className="visually-hidden" aria-live="polite">
              {moved}
            </p>
          </>
        )}

        {item.kind === "command" && (
          <div className={styles.command}>
            <p className={styles.startState}>
              <strong>{t("command.startState")}:</strong>{" "}
              {item.setup.length === 0 ? t("command.fresh") : item.setup.map((l, i) => <code key={i}>{l}</code>)}
            </p>
            <label htmlFor={`${id}-cmd`} className={styles.commandLabel}>
              {t("command.label")}
            </label>
            <div className={styles.terminal}>
              <span aria-hidden="true" className={styles.promptSign}>
                node-1$
              </span>
              <textarea
                id={`${id}-cmd`}
                className={styles.commandInput}
                value={command}
                onChange={(e) => setCommand(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && !e.shiftKey) {
                    e.preventDefault();
                    e.currentTarget.form?.requestSubmit();
                  }
                }}
                rows={Math.min(5, Math.max(1, command.split("\n").length))}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                autoCorrect="off"
                aria-describedby={`${id}-cmd-hint`}
                data-testid="command-input"
              />
            </div>
            <p id={`${id}-cmd-hint`} className={styles.hint}>
              {t("command.hint")}
            </p>
          </div>
        )}
      </fieldset>

      {problem && (
        <p role="alert" className={styles.problem}>
          {problem}
        </p>
      )}
      {running && (
        <p role="status" className={styles.hint}>
          {t("command.running")}
        </p>
      )}
      {!locked && (
        <p className={styles.actions}>
          <button type="submit" className={styles.primary} disabled={running}>
            {item.kind === "command" ? t("command.run") : submitLabel}
          </button>
        </p>
      )}
    </form>
  );
}
