/** Message files are split by area: messages/<locale>/<namespace>.json, merged per request. */
export const NAMESPACES = ["site", "auth", "suggest", "moderation", "quiz", "lab", "notices", "topology", "exercises"] as const;
export type Namespace = (typeof NAMESPACES)[number];
