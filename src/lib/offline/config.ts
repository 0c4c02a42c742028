/**
 * What the service worker (src/lib/offline/service-worker.js) caches, as data: the page routes it
 * keeps for offline reading (by pattern, so pages added later are covered), the pages it stores at
 * install, and the files beside the build's own.
 */
import { routing } from "@/i18n/routing";

const L = `(?:${routing.locales.join("|")})`;

/** Pages kept for offline use once opened: home, question pages, the lab, the exercises, the quiz, and the forms that say they need a connection. */
export const OFFLINE_PAGE_PATTERNS = [
  `^/${L}/?$`,
  `^/${L}/q/[a-z0-9-]+/?$`,
  `^/${L}/q/[a-z0-9-]+/suggest/?$`,
  `^/${L}/lab/?$`,
  `^/${L}/exercises(?:/[a-z0-9-]+)*/?$`,
  `^/${L}/quiz/?$`,
  `^/${L}/signin/?$`,
];

/** Stored at install, before the reader opens them: the lab and the exercises in every language. */
export const PRECACHED_PAGES = routing.locales.flatMap((l) => [`/${l}/lab`, `/${l}/exercises`]);

/** Files outside /_next/static that pages link to. */
export const OFFLINE_FILES = [
  "/favicon.ico",
  "/icon.svg",
  "/apple-icon.png",
  "/manifest.webmanifest",
  ...routing.locales.map((l) => `/${l}/manifest.webmanifest`),
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/maskable-512.png",
];

export const isOfflinePage = (pathname: string) => OFFLINE_PAGE_PATTERNS.some((p) => new RegExp(p).test(pathname));
