// Runs as a service worker, not in the app's bundle; served by src/app/sw.js/route.ts,
// which prepends `const CONFIG = {...}` (version, precache list, route patterns, offline page text).
/*
 * The offline lab. Three caches, named by the build's version:
 *  - static: every file of the build under /_next/static (content-hashed, so cache-first is safe) and
 *    the icons, fetched at install: the lab, its worker and sim-core work offline after one visit;
 *  - pages: the HTML of the lab, the exercises and every question page the reader opened, network
 *    first (a fresh copy whenever there is a network), the stored copy when there is none;
 *  - images: question images, served from the cache while being refreshed.
 * A new deploy installs beside the old version and waits: an open lab keeps the files it started
 * with, the page is told a new version is ready, and the reader chooses when to reload.
 */
const STATIC = `overlay-static-${CONFIG.version}`;
const PAGES = `overlay-pages-${CONFIG.version}`;
const IMAGES = "overlay-images";
const OURS = /^overlay-(static|pages)-/;

const pagePatterns = CONFIG.pages.map((p) => new RegExp(p));
const isPage = (url) => url.origin === self.location.origin && pagePatterns.some((p) => p.test(url.pathname));
const pageKey = (url) => `${url.origin}${url.pathname.replace(/\/$/, "") || "/"}`;

async function precacheStatic() {
  const cache = await caches.open(STATIC);
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  // A file the previous version already holds is copied, not downloaded again (same name, same bytes).
  const older = (await caches.keys()).filter((n) => OURS.test(n) && n.startsWith("overlay-static-") && n !== STATIC);
  const queue = CONFIG.assets.filter((a) => !have.has(a));
  const worker = async () => {
    for (let a = queue.shift(); a !== undefined; a = queue.shift()) {
      let response;
      for (const name of older) {
        response = await (await caches.open(name)).match(a);
        if (response) break;
      }
      if (!response) {
        response = await fetch(a, { cache: "no-cache" });
        if (!response.ok) throw new Error(`precache ${a}: ${response.status}`);
      }
      await cache.put(a, response);
    }
  };
  // Two at a time: the install runs beside an open page, which should not feel it.
  await Promise.all(Array.from({ length: 2 }, worker));
}

async function cachePage(cache, url) {
  try {
    const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
    if (response.ok && !response.redirected && (response.headers.get("content-type") || "").includes("text/html")) {
      await cache.put(pageKey(new URL(response.url)), response);
    }
  } catch {
    // Offline or a page that does not exist (yet): the next visit stores it.
  }
}

async function precachePages() {
  const cache = await caches.open(PAGES);
  // The pages the previous version held, fetched again so they match this version's files.
  const previous = [];
  for (const name of await caches.keys()) {
    if (name.startsWith("overlay-pages-") && name !== PAGES) previous.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
  }
  const urls = new Set([...CONFIG.precache.map((p) => new URL(p, self.location.origin).toString()), ...previous]);
  // One page at a time: each is a server render.
  for (const u of urls) await cachePage(cache, u);
}

self.addEventListener("install", (event) => {
  // Static routing (Chromium): the build's files are read from this version's cache by the browser itself,
  // without a round trip through this worker's fetch handler for each of them. A worker's script still
  // goes through the handler (forWorker), and a file missing from the cache is fetched from the network.
  event.addRoutes?.([
    // A navigation races the network against this worker's fetch handler: online, the page's request goes out at
    // once instead of waiting for the worker to start (navigation preload still waited for it: ~90 ms to the
    // lab's HTML for a returning learner); offline, the handler answers from the cache. The handler's own fetch
    // of the same request is given the race's response (the spec's race response map), not sent again.
    { condition: { requestMode: "navigate" }, source: "race-network-and-fetch-handler" },
    { condition: { requestDestination: "worker" }, source: "fetch-event" },
    { condition: { urlPattern: { pathname: "/_next/static/*" } }, source: { cacheName: STATIC } },
  ]);
  event.waitUntil(Promise.all([precacheStatic(), precachePages()]));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Navigation preload, where static routing is missing: the browser sends a navigation's request while this
      // worker starts, instead of after (a returning reader's first navigation starts the worker).
      await self.registration.navigationPreload?.enable();
      for (const name of await caches.keys()) if (OURS.test(name) && name !== STATIC && name !== PAGES) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "SKIP_WAITING") self.skipWaiting();
  // The page the service worker was registered from loaded before it was in control: store it now.
  if (data.type === "CACHE_PAGE" && typeof data.url === "string") {
    const url = new URL(data.url, self.location.origin);
    if (isPage(url)) event.waitUntil(caches.open(PAGES).then((c) => cachePage(c, url.toString())));
  }
});

function offlinePage(url) {
  const locale = CONFIG.locales.find((l) => url.pathname === `/${l}` || url.pathname.startsWith(`/${l}/`)) || CONFIG.defaultLocale;
  const t = CONFIG.offline[locale];
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(t.title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#141820}a{color:#0b5cad}</style></head><body><h1>${esc(t.title)}</h1><p>${esc(t.body)}</p><p><a href="/${locale}/lab">${esc(t.lab)}</a></p><button onclick="location.reload()">${esc(t.retry)}</button></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The navigation's response: the one the browser preloaded while this worker started, or a fetch. */
async function fromNetwork(request, preloaded) {
  return (await preloaded) || fetch(request);
}

async function networkFirstPage(request, preloaded) {
  const url = new URL(request.url);
  try {
    const response = await fromNetwork(request, preloaded);
    // Stored under its path: a query that changes the page (a revise form's ?revise=) is not stored.
    if (response.ok && !response.redirected && isPage(url) && !url.searchParams.has("revise")) {
      const copy = response.clone();
      caches.open(PAGES).then((c) => c.put(pageKey(url), copy));
    }
    return response;
  } catch {
    const stored = (await caches.open(PAGES).then((c) => c.match(pageKey(url)))) || undefined;
    return stored || offlinePage(url);
  }
}

/**
 * A worker's script as a new response without a URL of its own: the browser then gives the worker the
 * request's URL, fragment included (Turbopack passes a worker its chunk list in the fragment; a cached
 * response's URL has none, and the worker would start without it).
 */
async function forWorker(request, response) {
  if (request.destination !== "worker" && request.destination !== "sharedworker") return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function cacheFirst(request, name) {
  const hit = await caches.match(request);
  if (hit) return forWorker(request, hit);
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(name).then((c) => c.put(request, copy));
  }
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(IMAGES);
  const hit = await cache.match(request);
  const fresh = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
  if (hit) {
    fresh.catch(() => {});
    return hit;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (isPage(url)) event.respondWith(networkFirstPage(request, event.preloadResponse));
    else event.respondWith(fromNetwork(request, event.preloadResponse).catch(() => offlinePage(url)));
    return;
  }
  if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(cacheFirst(request, STATIC));
    return;
  }
  if (CONFIG.files.includes(url.pathname)) {
    // Icons and the manifest are linked with a content hash in the query: any version will do offline.
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname, { ignoreSearch: true }).then((r) => r || Response.error())));
    return;
  }
  if (url.pathname.startsWith("/api/images/")) event.respondWith(staleWhileRevalidate(request));
});
