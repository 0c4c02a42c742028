"use client";

import { useEffect, useSyncExternalStore } from "react";
import { FREE_LAB_KEY } from "@/lib/lab/session-keys";
import { startEarly } from "./early";
import LabApp from "./LabApp";
import { labWorker, stopLabWorker } from "./worker";

// As this chunk runs (before hydration), a first visit's simulator worker starts (sim-core loads and boots) in
// parallel with the rest of the page's start-up; a returning learner's starts when the lab mounts (early.ts).
// The lab UI (xterm.js) is imported statically: its chunk is among the page's own scripts, so the browser
// fetches it with them from the start (it used to be requested only once this chunk ran). This page is the
// only one that imports it.
if (typeof window !== "undefined") {
  performance.mark("lab:loader");
  startEarly(FREE_LAB_KEY, labWorker);
}

const noSubscription = () => () => {};

export function LabLoader({ locale, paneLabels }: { locale: string; paneLabels: readonly string[] }) {
  // Drawn in the browser only (terminals measure the page): false on the server and while hydrating, so React
  // renders the lab in the commit right after hydration.
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  // The worker is the page's: it stops when the learner leaves the lab (the lab UI starts it again on coming back).
  useEffect(() => {
    performance.mark("lab:hydrated");
    return stopLabWorker;
  }, []);
  return inBrowser ? <LabApp locale={locale} paneLabels={paneLabels} /> : null;
}
