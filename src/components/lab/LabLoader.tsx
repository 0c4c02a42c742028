"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";
import { prefetch } from "@/lib/lab/idb";
import { FREE_LAB_KEY } from "@/lib/lab/session-keys";
import { labWorker, stopLabWorker } from "./worker";

// The saved session is read as this chunk runs (before hydration), in parallel with the lab UI's chunk:
// opening IndexedDB and reading took as long as loading that chunk, and followed it.
if (typeof window !== "undefined" && typeof indexedDB !== "undefined") prefetch(FREE_LAB_KEY);

// xterm.js and the UI load only here, after the page's own HTML is on screen.
const LabApp = dynamic(() => import("./LabApp"), { ssr: false });

export function LabLoader({ locale }: { locale: string }) {
  // The worker starts now, in parallel with LabApp's chunk (xterm), instead of after it.
  useEffect(() => {
    performance.mark("lab:hydrated");
    labWorker();
    return stopLabWorker;
  }, []);
  return <LabApp locale={locale} />;
}
