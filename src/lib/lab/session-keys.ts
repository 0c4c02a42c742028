/** The free lab's session; each exercise keeps its own under `exercise:<slug>`. */
export const FREE_LAB_KEY = "current";
export const exerciseSessionKey = (slug: string) => `exercise:${slug}`;
