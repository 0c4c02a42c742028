/**
 * The queue's numbers, derived from one set of counts so that every place agrees with the list:
 * the heading counts what the current filters show, each filter option counts what choosing it
 * would show (given the other filter), and nothing is counted before the counts have loaded.
 */
export interface QueueCounts {
  total: number;
  byLocale: Record<"en" | "uk", number>;
  byQuestion: { questionSlug: string; en: number; uk: number; total: number }[];
}

export interface QueueFilter {
  question: string;
  locale: "" | "en" | "uk";
}

/** Pending suggestions matching a filter ("" means any). */
export function countFor(counts: QueueCounts, filter: QueueFilter): number {
  if (filter.question) {
    const q = counts.byQuestion.find((b) => b.questionSlug === filter.question);
    if (!q) return 0;
    return filter.locale ? q[filter.locale] : q.total;
  }
  return filter.locale ? counts.byLocale[filter.locale] : counts.total;
}

export type QueueState =
  | { kind: "loading" }
  | { kind: "list"; shown: number }
  /** Nothing pending at all. */
  | { kind: "empty" }
  /** Nothing under these filters, though `elsewhere` are pending in the whole queue. */
  | { kind: "filteredEmpty"; elsewhere: number };

export function queueState(counts: QueueCounts | undefined, filter: QueueFilter, listed: number): QueueState {
  if (!counts) return { kind: "loading" };
  const shown = countFor(counts, filter);
  if (listed > 0 || shown > 0) return { kind: "list", shown: Math.max(shown, listed) };
  if ((filter.question || filter.locale) && counts.total > 0) return { kind: "filteredEmpty", elsewhere: counts.total };
  return { kind: "empty" };
}
