"use client";

import { useEffect, useState } from "react";
import styles from "./offline.module.css";

/**
 * Registers the service worker (src/app/sw.js) in production builds and tells the reader when a new
 * deploy has installed beside the running one: the page keeps its files until they choose to reload,
 * so an open lab is never broken under them. Kept small: it is on every page.
 */
export function ServiceWorker({ labels }: { labels: { ready: string; reload: string } }) {
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);

  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const sw = navigator.serviceWorker;
    let reloading = false;
    const onController = () => {
      // Only after the reader asked for the new version (the first install claims the page silently).
      if (reloading) window.location.reload();
    };
    sw.addEventListener("controllerchange", onController);
    const watch = (reg: ServiceWorkerRegistration) => {
      const offer = () => {
        if (reg.waiting && sw.controller) setWaiting(reg.waiting);
      };
      offer();
      reg.addEventListener("updatefound", () => {
        reg.installing?.addEventListener("statechange", offer);
      });
    };
    const register = () =>
      sw
        .register("/sw.js", { scope: "/" })
        .then((reg) => {
          watch(reg);
          // This page loaded before the worker was in control: ask it to keep a copy.
          return sw.ready.then((r) => r.active?.postMessage({ type: "CACHE_PAGE", url: window.location.href }));
        })
        .catch(() => {});
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    (window as { __swReload?: () => void }).__swReload = () => {
      reloading = true;
    };
    return () => sw.removeEventListener("controllerchange", onController);
  }, []);

  if (!waiting) return null;
  return (
    <div className={styles.update} role="status" data-testid="sw-update">
      <span>{labels.ready}</span>
      <button
        type="button"
        onClick={() => {
          (window as { __swReload?: () => void }).__swReload?.();
          waiting.postMessage({ type: "SKIP_WAITING" });
        }}
      >
        {labels.reload}
      </button>
    </div>
  );
}
