/** Types for pipeline.mjs (plain JavaScript so that a worker thread can load it without a build step). */
export interface Heading {
  depth: 2 | 3 | 4;
  id: string;
  text: string;
}
export const MAX_TREE_DEPTH: number;
export function headingSlug(text: string): string;
export function safeUrl(url: string, schemes?: string[]): boolean;
export function renderSync(markdown: string): { html: string; headings: Heading[] } | { error: "too-deep" };
