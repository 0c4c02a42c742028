"use client";

import { useEffect, useState } from "react";
import styles from "./offline.module.css";

/**
 * Registers the service worker (src/app/sw.js) in production builds and tells the reader when a new
 * deploy has installed beside the running one: the page keeps its files until they choose to reload,
 * so an open lab is never broken under them. Kept small: it is on every page.
 */
/** After the page's `load`, how long the page's own work has before the worker is registered. */
export const REGISTER_DELAY_MS = 3_000;
/** The longest the registration then waits for the main thread to be idle. */
const REGISTER_IDLE_TIMEOUT_MS = 5_000;

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
    // Installing downloads the whole build and the lab's pages: a page's own work (the lab's chunks, its
    // worker, the first prompt) comes first. Measured on the lab: registering at `load` made the prompt
    // 0.3 s later on the first visit and on the next.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      timer = setTimeout(() => {
        if ("requestIdleCallback" in window) window.requestIdleCallback(() => void register(), { timeout: REGISTER_IDLE_TIMEOUT_MS });
        else void register();
      }, REGISTER_DELAY_MS);
    };
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
    (window as { __swReload?: () => void }).__swReload = () => {
      reloading = true;
    };
    return () => {
      clearTimeout(timer);
      window.removeEventListener("load", later);
      sw.removeEventListener("controllerchange", onController);
    };
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
