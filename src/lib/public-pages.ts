/**
 * The public pages: the same HTML for every visitor, rendered once per publication and cacheable by
 * shared caches (see src/server/cache): the home, the question pages and the lab (whose sessions live in
 * the browser; served from the cache, its HTML arrives in a few milliseconds instead of a render's tens).
 * The proxy's matcher (src/proxy.ts) must skip exactly these paths; a test holds the two together.
 */
import { routing } from "../i18n/routing";

const LOCALES = routing.locales;

/** next.config `headers()` sources. */
const CONTENT_PAGE_SOURCES = [`/:locale(${LOCALES.join("|")})`, `/:locale(${LOCALES.join("|")})/q/:slug`];
export const PUBLIC_PAGE_SOURCES = [...CONTENT_PAGE_SOURCES, `/:locale(${LOCALES.join("|")})/lab`];

/** The home's and question pages' share images (opengraph-image), rendered and invalidated with them; the lab shares the home's. */
export const SHARE_IMAGE_SOURCES = CONTENT_PAGE_SOURCES.map((source) => `${source}/opengraph-image/:id`);

const PUBLIC_PAGE_PATH = new RegExp(`^/(?:${LOCALES.join("|")})(?:/q/[^/]+|/lab)?/?$`);
export const isPublicPagePath = (pathname: string): boolean => PUBLIC_PAGE_PATH.test(pathname);

/**
 * Shared caches may keep these pages briefly: after a publication a CDN serves the old text for
 * about a second (one stale response per edge while it refetches), while the origin answers from
 * its page cache. Browsers always revalidate (max-age=0). Next adds `Vary: rsc, next-router-*`
 * so HTML and RSC payloads are kept apart; nothing varies by cookie.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=59";
