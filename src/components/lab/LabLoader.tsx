"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";
import { prefetch } from "@/lib/lab/idb";
import { FREE_LAB_KEY } from "@/lib/lab/session-keys";
import { labWorker, stopLabWorker } from "./worker";

const loadApp = () => import("./LabApp");

// As this chunk runs (before hydration), three things start in parallel with the rest of the page's start-up:
// the saved session is read, the simulator's worker starts (sim-core loads and boots), and the lab UI's chunk
// (xterm.js) loads. Each used to wait for hydration, or for the one before it.
if (typeof window !== "undefined") {
  performance.mark("lab:loader");
  prefetch(FREE_LAB_KEY);
  labWorker();
  void loadApp().catch(() => undefined); // the same import as below: it fails, and is retried, there
}

// xterm.js and the UI load only here, never on other pages.
const LabApp = dynamic(loadApp, { ssr: false });

export function LabLoader({ locale }: { locale: string }) {
  // The worker is the page's: it stops when the learner leaves the lab, and starts again on coming back.
  useEffect(() => {
    performance.mark("lab:hydrated");
    labWorker();
    return stopLabWorker;
  }, []);
  return <LabApp locale={locale} />;
}
