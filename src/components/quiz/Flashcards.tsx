"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { StoredCard } from "@/lib/quiz/progress-schema";
import { GRADES, isDue, type GradeNumber } from "@/lib/quiz/recall";
import { setCard, type Progress } from "@/lib/quiz/progress";
import type { QuizItem } from "@/lib/quiz/schema";
import { sectionHref } from "./Feedback";
import { Inline } from "./Inline";
import styles from "./quiz.module.css";
import { updateProgress, useProgress } from "./store";
import { useQuizLocale, useQuizT } from "./QuizText";

let scheduler: Promise<typeof import("@/lib/quiz/cards")> | null = null;
const loadScheduler = () => (scheduler ??= import("@/lib/quiz/cards"));

const GRADE_KEYS = { 1: "again", 2: "hard", 3: "good", 4: "easy" } as const;

/** The deck now: due cards, the longest overdue first, then items never reviewed, in the article's order. */
export function deck(items: readonly QuizItem[], p: Progress, now: Date): QuizItem[] {
  const due = items.filter((i) => p.cards[i.id] && isDue(p.cards[i.id], now));
  due.sort((a, b) => p.cards[a.id].due.localeCompare(p.cards[b.id].due));
  const fresh = items.filter((i) => !p.cards[i.id]);
  return [...due, ...fresh];
}

/** The back of a card: the short answer, derived from the item so it can never disagree with the quiz. */
export function CardBack({ item }: { item: QuizItem }) {
  const t = useQuizT();
  switch (item.kind) {
    case "single":
      return (
        <>
          <p className={styles.backAnswer}>
            <Inline text={item.options[item.correct].text} />
          </p>
          <p className={styles.why}>
            <Inline text={item.options[item.correct].why} />
          </p>
        </>
      );
    case "multi":
      return (
        <ul className={styles.backList}>
          {item.correct.map((c) => (
            <li key={c}>
              <Inline text={item.options[c].text} />
            </li>
          ))}
        </ul>
      );
    case "truefalse":
      return (
        <p>
          <strong>{item.answer ? t("cards.answerTrue") : t("cards.answerFalse")}</strong> <Inline text={item.why} />
        </p>
      );
    case "order":
      return (
        <ol className={styles.backList}>
          {item.steps.map((s, i) => (
            <li key={i}>
              <Inline text={s} />
            </li>
          ))}
        </ol>
      );
    case "command":
      return (
        <>
          <pre className={styles.transcript}>{item.solution}</pre>
          <p className={styles.why}>
            <Inline text={item.why} />
          </p>
        </>
      );
  }
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/** Flashcards with FSRS: Space flips, 1–4 grade, U undoes the last grade (restoring the card exactly). */
export function Flashcards({ items }: { items: QuizItem[] }) {
  const t = useQuizT();
  const locale = useQuizLocale();
  const progress = useProgress();
  const [now, setNow] = useState(() => new Date());
  const [flipped, setFlipped] = useState(false);
  const [undo, setUndo] = useState<{ id: string; previous: StoredCard | undefined }[]>([]);
  const [said, setSaid] = useState("");
  const cardRef = useRef<HTMLDivElement>(null);

  const cards = useMemo(() => deck(items, progress, now), [items, progress, now]);
  const dueCount = useMemo(() => items.filter((i) => progress.cards[i.id] && isDue(progress.cards[i.id], now)).length, [items, progress, now]);
  const item = cards[0];

  // The scheduler (ts-fsrs) loads as the deck shows, not with the page: a card is read before it is graded.
  useEffect(() => void loadScheduler(), []);

  const grade = useCallback(
    async (g: GradeNumber) => {
      if (!item || !flipped) return;
      const { gradeCard } = await loadScheduler();
      const at = new Date();
      const previous = progress.cards[item.id];
      const next = gradeCard(previous, g, at);
      updateProgress((p) => setCard(p, item.id, next));
      setUndo((u) => [...u, { id: item.id, previous }].slice(-50));
      setNow(at);
      setFlipped(false);
      setSaid(t("cards.graded", { grade: t(`cards.${GRADE_KEYS[g]}`), when: new Date(next.due).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" }) }));
      cardRef.current?.focus();
    },
    [item, flipped, progress, t, locale],
  );

  const undoLast = useCallback(() => {
    const last = undo.at(-1);
    if (!last) return;
    updateProgress((p) => setCard(p, last.id, last.previous));
    setUndo((u) => u.slice(0, -1));
    setNow(new Date());
    setFlipped(false);
    setSaid(t("cards.undone"));
    cardRef.current?.focus();
  }, [undo, t]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      // Space on a focused button or link keeps its own meaning (it presses that button).
      const onControl = e.target instanceof HTMLElement && ["BUTTON", "A", "SUMMARY"].includes(e.target.tagName);
      if (e.key === " " && !onControl) {
        e.preventDefault();
        setFlipped((f) => !f);
      } else if (/^[1-4]$/.test(e.key)) {
        void grade(Number(e.key) as GradeNumber);
      } else if (e.key === "u" || e.key === "U") {
        undoLast();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [grade, undoLast]);

  return (
    <section className={styles.panel} aria-labelledby="cards-title">
      <h2 id="cards-title">{t("cards.title")}</h2>
      <p className={styles.hint}>{t("cards.lead")}</p>
      <p className={styles.keys} id="cards-keys">
        {t("cards.keys")}
      </p>
      <p className={styles.kicker} data-testid="due-count">
        {t("cards.queue", { due: dueCount, fresh: cards.length - dueCount })}
      </p>

      {item ? (
        <div ref={cardRef} className={styles.card} tabIndex={-1} aria-describedby="cards-keys" data-testid="flashcard" data-item={item.id} data-side={flipped ? "back" : "front"}>
          <p className={styles.kicker}>{t("cards.front")}</p>
          <p className={styles.cardFront}>
            <Inline text={item.prompt} />
          </p>
          {flipped ? (
            <div className={styles.cardBack} data-testid="card-back">
              <p className={styles.kicker}>{t("cards.back")}</p>
              <CardBack item={item} />
              <p className={styles.sectionLink}>
                <a href={sectionHref(locale, item)}>{t("cards.readMore", { heading: item.section.heading })}</a>
              </p>
              <fieldset className={styles.grades}>
                <legend>{t("cards.grade")}</legend>
                {GRADES.map((g) => (
                  <button key={g} type="button" className={`${styles.gradeButton} ${styles[`grade${g}`]}`} onClick={() => void grade(g)}>
                    <kbd>{g}</kbd> {t(`cards.${GRADE_KEYS[g]}`)}
                  </button>
                ))}
              </fieldset>
            </div>
          ) : (
            <p className={styles.actions}>
              <button type="button" className={styles.primary} onClick={() => setFlipped(true)} data-testid="flip">
                {t("cards.flip")} <kbd>Space</kbd>
              </button>
            </p>
          )}
        </div>
      ) : (
        <p className={styles.panelNote}>{t("cards.empty")}</p>
      )}

      <p className={styles.actions}>
        <button type="button" className={styles.secondary} onClick={undoLast} disabled={undo.length === 0} data-testid="undo">
          {t("cards.undo")} <kbd>U</kbd>
        </button>
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="cards-status">
        {said}
      </p>
    </section>
  );
}
