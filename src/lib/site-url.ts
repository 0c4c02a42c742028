import { env, type Env } from "@/env";

/**
 * The public origin of the site, without a trailing slash: PUBLIC_URL, else BETTER_AUTH_URL, else
 * the local development server. Read at render time (public pages render on their first request),
 * so one build serves any domain.
 */
export function publicOrigin(e: Pick<Env, "PUBLIC_URL" | "BETTER_AUTH_URL" | "PORT"> = env()): string {
  const configured = e.PUBLIC_URL ?? e.BETTER_AUTH_URL;
  if (configured) {
    const url = new URL(configured);
    // A path prefix is not supported (the app is served at the root); keep the origin only.
    return url.origin;
  }
  return `http://localhost:${e.PORT}`;
}

export const absoluteUrl = (path: string, origin = publicOrigin()): string => new URL(path, `${origin}/`).toString();
