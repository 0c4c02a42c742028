/** Names in natural order: node-2 before node-10 (what docker's tables and the world's host list use). */
export const naturalOrder = new Intl.Collator("en", { numeric: true }).compare;
