"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";
import { labWorker, stopLabWorker } from "@/components/lab/worker";
import type { ExerciseView } from "@/lib/exercises/view";

// xterm.js, the lab and the step panel load only here, after the page's own HTML is on screen.
const ExerciseLab = dynamic(() => import("./ExerciseLab"), { ssr: false });

export function ExerciseLoader({ locale, exercise, paneLabels }: { locale: string; exercise: ExerciseView; paneLabels: readonly string[] }) {
  // The worker starts now, in parallel with the lab's chunk, as on the lab page.
  useEffect(() => {
    labWorker();
    return stopLabWorker;
  }, []);
  return <ExerciseLab locale={locale} exercise={exercise} paneLabels={paneLabels} />;
}
