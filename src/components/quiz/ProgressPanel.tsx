"use client";

import { useRef, useState } from "react";
import { saveFile } from "@/lib/browser/save-file";
import { ankiExport, exportProgress, mergeProgress, resetItems } from "@/lib/quiz/progress";
import { topicReadiness } from "@/lib/quiz/readiness";
import type { QuizItem } from "@/lib/quiz/schema";
import { backText } from "./cardText";
import styles from "./quiz.module.css";
import { updateProgress, useProgress, useProgressDiscarded } from "./store";
import { useQuizT } from "./QuizText";

const download = (name: string, type: string, text: string) => saveFile(name, text, type);

/** Readiness per topic, reset per topic, and export/import of everything (JSON) plus an Anki deck. */
export function ProgressPanel({ items, topics }: { items: QuizItem[]; topics: { slug: string; title: string }[] }) {
  const t = useQuizT();
  const progress = useProgress();
  const discarded = useProgressDiscarded();
  const [status, setStatus] = useState("");
  const fileRef = useRef<HTMLInputElement>(null);
  const [now] = useState(() => new Date());

  async function onImport(file: File | undefined) {
    if (!file) return;
    const { parseProgress } = await import("@/lib/quiz/progress-schema");
    const r = parseProgress(await file.text());
    if (!r.ok) setStatus(r.error === "notJson" ? t("progress.importFailed.notJson") : t("progress.importFailed.notProgress", { detail: r.detail }));
    else {
      updateProgress((p) => mergeProgress(p, r.progress));
      setStatus(t("progress.imported"));
    }
    if (fileRef.current) fileRef.current.value = "";
  }

  return (
    <aside className={styles.progress} aria-labelledby="progress-title">
      <h2 id="progress-title">{t("progress.title")}</h2>
      <p className={styles.hint}>{t("progress.saved")}</p>
      {discarded && <p className={styles.problem}>{t("progress.discarded")}</p>}
      <ul className={styles.readiness}>
        {topics.map((topic) => {
          const ids = items.filter((i) => i.topic === topic.slug).map((i) => i.id);
          const r = topicReadiness(progress, ids, now);
          return (
            <li key={topic.slug} data-testid={`readiness-${topic.slug}`}>
              <span className={styles.topicName}>{topic.title}</span>
              <span className={`${styles.level} ${styles[`level_${r.level}`]}`}>
                {t("progress.readiness", { level: t(`progress.level.${r.level}`), seen: r.seen, total: ids.length })}
              </span>
              <button
                type="button"
                className={styles.linkButton}
                aria-label={t("progress.resetTopic", { topic: topic.title })}
                onClick={() => {
                  if (window.confirm(t("progress.confirmReset", { topic: topic.title }))) updateProgress((p) => resetItems(p, ids));
                }}
              >
                {t("progress.reset")}
              </button>
            </li>
          );
        })}
      </ul>
      <p className={styles.exportRow}>
        <button type="button" className={styles.secondary} onClick={() => download("overlay-lab-quiz-progress.json", "application/json", exportProgress(progress))} data-testid="export">
          {t("progress.export")}
        </button>
        <label className={styles.secondary}>
          {t("progress.import")}
          <input ref={fileRef} type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => onImport(e.target.files?.[0])} data-testid="import" />
        </label>
        <button
          type="button"
          className={styles.secondary}
          onClick={() => download("overlay-lab-flashcards.txt", "text/plain", ankiExport(items.map((i) => ({ front: i.prompt, back: backText(i) }))))}
        >
          {t("progress.anki")}
        </button>
      </p>
      <p role="status" className={styles.hint} data-testid="progress-status">
        {status}
      </p>
    </aside>
  );
}
