/** Message files are split by area: messages/<locale>/<namespace>.json, merged per request. */
export const NAMESPACES = ["site", "auth", "suggest", "moderation", "quiz", "lab", "notices", "topology", "exercises"] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** What the lab's client components read (the terminals and the topology panel): every page that mounts the lab gives these. */
export const LAB_NAMESPACES: Namespace[] = ["lab", "topology"];
