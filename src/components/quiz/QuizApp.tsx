"use client";

import { useEffect } from "react";
import { fetchSession } from "@/components/auth/session";
import type { QuizItem } from "@/lib/quiz/schema";
import { Flashcards } from "./Flashcards";
import { Interview } from "./Interview";
import { Practice } from "./Practice";
import { ProgressPanel } from "./ProgressPanel";
import styles from "./quiz.module.css";

export type QuizMode = "practice" | "interview" | "cards";

/** The interactive part of the quiz page; the page around it (title, modes, topics) is server-rendered. */
export function QuizApp(props: { mode: QuizMode; items: QuizItem[]; topic?: string; topics: { slug: string; title: string }[] }) {
  const { mode, items, topic, topics } = props;
  const inTopic = topic ? items.filter((i) => i.topic === topic) : items;

  // Signed in: progress follows the account across devices (merged, never overwritten).
  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    void fetchSession()
      .then(async (session) => {
        if (!session || cancelled) return;
        const { startSync } = await import("./sync");
        if (!cancelled) stop = startSync();
      })
      .catch(() => {});
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
  return (
    <div className={styles.layout}>
      <div className={styles.mainColumn}>
        {mode === "practice" && <Practice key={topic ?? "all"} items={inTopic} />}
        {mode === "interview" && <Interview key={topic ?? "all"} items={items} topic={topic} />}
        {mode === "cards" && <Flashcards key={topic ?? "all"} items={inTopic} />}
      </div>
      <ProgressPanel items={items} topics={topics} />
    </div>
  );
}
