"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";
import { labWorker, stopLabWorker } from "./worker";

// xterm.js and the UI load only here, after the page's own HTML is on screen.
const LabApp = dynamic(() => import("./LabApp"), { ssr: false });

export function LabLoader({ locale }: { locale: string }) {
  // The worker starts now, in parallel with LabApp's chunk (xterm), instead of after it.
  useEffect(() => {
    labWorker();
    return stopLabWorker;
  }, []);
  return <LabApp locale={locale} />;
}
