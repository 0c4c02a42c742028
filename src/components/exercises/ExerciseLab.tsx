"use client";

import { useCallback, useMemo, useState } from "react";
import LabApp, { type LabExercise } from "@/components/lab/LabApp";
import { recordExercise } from "@/lib/exercises/progress";
import type { ExerciseStatus } from "@/lib/exercises/types";
import type { ExerciseView } from "@/lib/exercises/view";
import { StepPanel } from "./StepPanel";
import { exerciseProgress, useExerciseSync } from "./store";

/** The lab booted on an exercise's start state, with its step panel; records progress as the worker reports it. */
export default function ExerciseLab({ locale, exercise, paneLabels }: { locale: string; exercise: ExerciseView; paneLabels: readonly string[] }) {
  const [status, setStatus] = useState<ExerciseStatus | null>(null);
  const [explained, setExplained] = useState<ExerciseStatus | null>(null);
  useExerciseSync();
  const slug = exercise.slug;

  const onStatus = useCallback(
    (m: { status: ExerciseStatus; explained: boolean }) => {
      setStatus(m.status);
      setExplained(m.explained ? m.status : null);
      if (m.status.complete) exerciseProgress.update((p) => recordExercise(p, slug, { done: true }));
      else if (m.status.steps.some((s) => s.done)) exerciseProgress.update((p) => recordExercise(p, slug, {}));
    },
    [slug],
  );

  const lab: LabExercise = useMemo(
    () => ({
      slug,
      onStatus,
      panel: (controls) => <StepPanel locale={locale} exercise={exercise} status={status} explained={explained} controls={controls} />,
    }),
    [slug, onStatus, locale, exercise, status, explained],
  );
  return <LabApp locale={locale} exercise={lab} paneLabels={paneLabels} />;
}
