/** Message files are split by area: messages/<locale>/<namespace>.json, merged per request. */
export const NAMESPACES = ["site", "auth", "suggest", "moderation"] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** The namespaces client components read; the rest stay on the server. */
export const CLIENT_NAMESPACES: readonly Namespace[] = ["auth", "suggest", "moderation"];
