/**
 * A line-level three-way merge of one text field: what was published since the suggestion's base
 * and what the suggestion changes are combined wherever they touch different lines, and each part
 * says where it came from. Only where both sides changed the same lines (or lines next to each
 * other) differently is there a conflict; there the suggestion's lines are used and the published
 * ones are kept beside them, so nothing is dropped without the moderator seeing it.
 */
import { diff3MergeRegions } from "node-diff3";
import { splitLines } from "./text";

export type HunkSource = "base" | "current" | "proposed" | "both" | "conflict";

export interface Hunk {
  source: HunkSource;
  /** The lines this part contributes to the merged text. */
  text: string;
  /** For a conflict: the published (current) lines that `text` replaced. */
  current?: string;
}

export interface Merge3 {
  text: string;
  hunks: Hunk[];
  conflicts: number;
}

/**
 * The line merge, by node-diff3 (`diff3MergeRegions`, current as "a", base as "o", the suggestion as
 * "b"): a region only one side changed is stable and comes from that side; a region both changed is
 * unstable, and is a conflict unless both made the same change there. Regions that touch (a change
 * ending on the line where the other side's begins) are one region, as in diff3.
 */
export function merge3(baseText: string, currentText: string, proposedText: string): Merge3 {
  const hunks: Hunk[] = [];
  const push = (h: Hunk) => {
    if (h.text === "" && h.current === undefined) return;
    const last = hunks[hunks.length - 1];
    if (last && last.source === h.source && h.source !== "conflict") last.text += h.text;
    else hunks.push(h);
  };
  const current = splitLines(currentText);
  const base = splitLines(baseText);
  const proposed = splitLines(proposedText);
  for (const region of diff3MergeRegions(current, base, proposed) as Region[]) {
    if (region.stable) {
      push({ source: STABLE_SOURCE[region.buffer], text: region.bufferContent.join("") });
      continue;
    }
    const fromCurrent = region.aContent.join("");
    const fromBase = region.oContent.join("");
    const fromProposed = region.bContent.join("");
    if (fromCurrent === fromProposed) push({ source: "both", text: fromCurrent });
    else if (fromProposed === fromBase) push({ source: "current", text: fromCurrent });
    else if (fromCurrent === fromBase) push({ source: "proposed", text: fromProposed });
    else push({ source: "conflict", text: fromProposed, current: fromCurrent });
  }
  return { text: hunks.map((h) => h.text).join(""), hunks, conflicts: hunks.filter((h) => h.source === "conflict").length };
}

type Region =
  | { stable: true; buffer: "a" | "o" | "b"; bufferContent: string[] }
  | { stable: false; aContent: string[]; oContent: string[]; bContent: string[] };

const STABLE_SOURCE = { a: "current", o: "base", b: "proposed" } as const;
