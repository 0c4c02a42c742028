"use client";

import dynamic from "next/dynamic";

// xterm.js and sim-core load only here, after the page's own HTML is on screen.
const LabApp = dynamic(() => import("./LabApp"), { ssr: false });

export function LabLoader({ locale }: { locale: string }) {
  return <LabApp locale={locale} />;
}
