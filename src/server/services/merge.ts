/**
 * Three-way merge of a suggestion onto the current revision. A field the suggestion changes merges
 * cleanly when the current revision still has the base's value (nobody touched it since) or already
 * has the proposed value. When both changed a text field, it is merged line by line (diff3, see
 * lib/diff/merge3.ts): changes to different lines (say, two paragraphs) combine, and only lines both
 * changed differently make it a conflict for a moderator to resolve. Pure, so the moderation UI and
 * the tests can use it directly.
 */
import { merge3 } from "@/lib/diff/merge3";


export const FIELDS = ["title", "shortAnswer", "body", "image"] as const;
export type Field = (typeof FIELDS)[number];

/** The text of one revision, field by field (image as an image id or null). */
export interface FieldValues {
  title: string;
  shortAnswer: string;
  body: string;
  image: number | null;
}

/** The text fields, which merge line by line. */
const TEXT_FIELDS: ReadonlySet<Field> = new Set(["title", "shortAnswer", "body"]);

/** What a suggestion changes: only present keys are changes. */
export type Proposed = Partial<FieldValues>;

export type FieldState =
  /** The suggestion does not touch this field. */
  | "unchanged"
  /** Changed by the suggestion and untouched since its base: applies cleanly. */
  | "clean"
  /** The current revision already holds the proposed value. */
  | "already"
  /** Changed by the suggestion and by someone else since its base, on different lines: merged line by line. */
  | "merged"
  /** Changed both by the suggestion and by someone else since its base. */
  | "conflict";

export interface MergeResult {
  fields: Record<Field, FieldState>;
  conflicts: Field[];
  /** The current revision with every non-conflicting change applied (conflicting fields keep current). */
  merged: FieldValues;
  /** Whether `merged` differs from the current revision at all. */
  changesSomething: boolean;
}

export function mergeSuggestion(base: FieldValues, current: FieldValues, proposed: Proposed): MergeResult {
  const merged: FieldValues = { ...current };
  const fields = {} as Record<Field, FieldState>;
  const conflicts: Field[] = [];
  for (const field of FIELDS) {
    if (!(field in proposed) || proposed[field] === undefined) {
      fields[field] = "unchanged";
      continue;
    }
    const value = proposed[field];
    if (value === current[field]) fields[field] = "already";
    else if (base[field] === current[field]) {
      fields[field] = "clean";
      (merged as Record<Field, unknown>)[field] = value;
    } else if (TEXT_FIELDS.has(field) && typeof value === "string") {
      const lines = merge3(base[field] as string, current[field] as string, value);
      if (lines.conflicts === 0 && lines.text === current[field]) fields[field] = "already";
      else if (lines.conflicts === 0) {
        fields[field] = "merged";
        (merged as Record<Field, unknown>)[field] = lines.text;
      } else {
        fields[field] = "conflict";
        conflicts.push(field);
      }
    } else {
      fields[field] = "conflict";
      conflicts.push(field);
    }
  }
  const changesSomething = FIELDS.some((f) => merged[f] !== current[f]);
  return { fields, conflicts, merged, changesSomething };
}

/** Fields whose values differ between two revisions. */
export function changedFields(a: FieldValues, b: FieldValues): Field[] {
  return FIELDS.filter((f) => a[f] !== b[f]);
}
