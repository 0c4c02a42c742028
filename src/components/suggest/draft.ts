/**
 * The suggest form's state, without React: one draft per question holding an edit per locale tab,
 * the published text each tab started from, the note, and one client key per locale (so a retried
 * or double-clicked submit never makes a second suggestion). It round-trips through sessionStorage.
 */
import { z } from "zod";
import { MARKDOWN_LIMITS, markdownProblem, type MarkdownProblem } from "@/lib/markdown/limits";
import { BIDI_CONTROL, LIMITS, LONE_SURROGATE, normalizeNewlines } from "@/server/api/schemas/common";
import type { Changes } from "@/server/api/schemas/suggestion";

export const LOCALES = ["en", "uk"] as const;
export type Locale = (typeof LOCALES)[number];
export const TEXT_FIELDS = ["title", "shortAnswer", "body"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The published text a tab started from. */
export interface Original {
  revisionId: number;
  title: string;
  shortAnswer: string;
  body: string;
  imageUrl: string | null;
}

export type ImageDraft = { op: "keep" } | { op: "remove" } | { op: "upload"; uploadId: string; url: string };

export interface TabDraft {
  title: string;
  shortAnswer: string;
  body: string;
  image: ImageDraft;
}

export interface Draft {
  v: 1;
  slug: string;
  active: Locale;
  note: string;
  tabs: Record<Locale, TabDraft>;
  originals: Record<Locale, Original>;
  clientKeys: Record<Locale, string>;
}

const tabFrom = (o: Original): TabDraft => ({ title: o.title, shortAnswer: o.shortAnswer, body: o.body, image: { op: "keep" } });

export function newDraft(slug: string, originals: Record<Locale, Original>, active: Locale, uuid: () => string): Draft {
  return {
    v: 1,
    slug,
    active,
    note: "",
    tabs: { en: tabFrom(originals.en), uk: tabFrom(originals.uk) },
    originals,
    clientKeys: { en: uuid(), uk: uuid() },
  };
}

/** The fields of a tab that differ from the text it started from, in the shape `suggestion.submit` takes. */
export function changesOf(original: Original, tab: TabDraft): Changes {
  const changes: Changes = {};
  for (const field of TEXT_FIELDS) {
    const value = normalizeNewlines(tab[field]);
    if (value !== normalizeNewlines(original[field])) changes[field] = value;
  }
  if (tab.image.op === "remove" && original.imageUrl !== null) changes.image = { op: "remove" };
  if (tab.image.op === "upload" && tab.image.url !== original.imageUrl) changes.image = { op: "upload", uploadId: tab.image.uploadId };
  return changes;
}

export const hasChanges = (changes: Changes) => Object.keys(changes).length > 0;

/** Locales whose tab changes something, the active one first. */
export function changedLocales(draft: Draft): Locale[] {
  const order = [draft.active, ...LOCALES.filter((l) => l !== draft.active)];
  return order.filter((l) => hasChanges(changesOf(draft.originals[l], draft.tabs[l])));
}

/** The image a tab would show: its upload, nothing when removed, else the original. */
export function shownImage(original: Original, tab: TabDraft): string | null {
  if (tab.image.op === "upload") return tab.image.url;
  if (tab.image.op === "remove") return null;
  return original.imageUrl;
}

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

/** Checks the browser can make before uploading (the server decides by the bytes, again). */
export function imageFileProblem(file: { type: string; size: number }): "type" | "size" | null {
  if (!IMAGE_TYPES.includes(file.type)) return "type";
  if (file.size > LIMITS.imageBytes) return "size";
  return null;
}

export type FieldProblem = "empty" | "tooLong" | "singleLine" | "control" | "brokenChar" | "direction" | MarkdownProblem["kind"];
const MAX: Record<TextField | "note", number> = {
  title: LIMITS.title,
  shortAnswer: LIMITS.shortAnswer,
  body: LIMITS.body,
  note: LIMITS.note,
};
// Same rule as the shared schemas: C0 controls except tab and newline (CR is normalised away).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** What is wrong with one field, by the same rules the server applies (classified, so each locale words it). */
export function fieldProblem(field: TextField | "note", raw: string): FieldProblem | null {
  const value = normalizeNewlines(raw);
  if (CONTROL.test(value)) return "control";
  if (value.length > MAX[field]) return "tooLong";
  if (field === "title" && value.includes("\n")) return "singleLine";
  if (field !== "note" && value.trim().length === 0) return "empty";
  if (field === "title" && LONE_SURROGATE.test(value)) return "brokenChar";
  if (field === "title" && BIDI_CONTROL.test(value)) return "direction";
  if (field === "shortAnswer" || field === "body") return markdownProblem(value)?.kind ?? null;
  return null;
}

/** The numbers a problem's message shows: the field's length cap, and for Markdown where and how far over. */
export function problemParams(field: TextField | "note", raw: string): { max: number; limit: number; line: number; found: number } {
  const found = field === "shortAnswer" || field === "body" ? markdownProblem(normalizeNewlines(raw)) : null;
  return {
    max: MAX[field],
    limit: found ? MARKDOWN_LIMITS[found.kind] : 0,
    line: found?.line ?? 0,
    found: found?.found ?? 0,
  };
}

export function maxLength(field: TextField | "note"): number {
  return MAX[field];
}

/** Problems in the fields a submission would send (unchanged fields are the published text, not re-checked). */
export function problemsOf(draft: Draft, locale: Locale): Partial<Record<TextField | "note", FieldProblem>> {
  const out: Partial<Record<TextField | "note", FieldProblem>> = {};
  const changes = changesOf(draft.originals[locale], draft.tabs[locale]);
  for (const field of TEXT_FIELDS) {
    if (changes[field] === undefined) continue;
    const problem = fieldProblem(field, draft.tabs[locale][field]);
    if (problem) out[field] = problem;
  }
  const note = fieldProblem("note", draft.note);
  if (note) out.note = note;
  return out;
}

export interface ListedProblem {
  locale: Locale;
  field: TextField | "note";
  problem: FieldProblem;
}

/**
 * Every problem of the locales being sent, in page order (a locale's fields top to bottom, the
 * shared note last and once), for the summary at the top of the form; the first one gets focus.
 */
export function problemList(draft: Draft, targets: Locale[]): ListedProblem[] {
  const out: ListedProblem[] = [];
  let note: ListedProblem | null = null;
  for (const locale of targets) {
    const found = problemsOf(draft, locale);
    for (const field of TEXT_FIELDS) {
      const problem = found[field];
      if (problem) out.push({ locale, field, problem });
    }
    if (found.note && !note) note = { locale, field: "note", problem: found.note };
  }
  return note ? [...out, note] : out;
}

// --- sessionStorage -------------------------------------------------------------------------------

export const storageKey = (slug: string) => `overlay-lab:suggest:${slug}`;

const originalSchema = z.object({
  revisionId: z.number().int().positive(),
  title: z.string(),
  shortAnswer: z.string(),
  body: z.string(),
  imageUrl: z.string().nullable(),
});
const tabSchema = z.object({
  title: z.string(),
  shortAnswer: z.string(),
  body: z.string(),
  image: z.discriminatedUnion("op", [
    z.object({ op: z.literal("keep") }),
    z.object({ op: z.literal("remove") }),
    z.object({ op: z.literal("upload"), uploadId: z.string().regex(/^[0-9a-f]{64}$/), url: z.string().startsWith("/api/images/") }),
  ]),
});
const draftSchema = z.object({
  v: z.literal(1),
  slug: z.string(),
  active: z.enum(LOCALES),
  note: z.string(),
  tabs: z.object({ en: tabSchema, uk: tabSchema }),
  originals: z.object({ en: originalSchema, uk: originalSchema }),
  clientKeys: z.object({ en: z.uuid(), uk: z.uuid() }),
});

export interface Restored {
  draft: Draft;
  /** Locales with edits made against a revision that is no longer the published one. */
  outdated: Locale[];
}

/**
 * A stored draft for this question, reconciled with what is published now. Tabs with edits keep
 * the revision they started from (the server merges them onto the current one, or flags a
 * conflict); tabs without edits simply move to the current text. Anything unreadable is ignored.
 */
export function restoreDraft(stored: string | null, slug: string, current: Record<Locale, Original>): Restored | null {
  if (!stored) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return null;
  }
  const result = draftSchema.safeParse(parsed);
  if (!result.success || result.data.slug !== slug) return null;
  const draft: Draft = structuredClone(result.data);
  const outdated: Locale[] = [];
  for (const locale of LOCALES) {
    if (draft.originals[locale].revisionId === current[locale].revisionId) {
      draft.originals[locale] = current[locale];
      continue;
    }
    if (hasChanges(changesOf(draft.originals[locale], draft.tabs[locale]))) outdated.push(locale);
    else {
      draft.originals[locale] = current[locale];
      draft.tabs[locale] = tabFrom(current[locale]);
    }
  }
  return { draft, outdated };
}

/** Whether the draft is worth keeping across a reload (anything typed at all). */
export function isDirty(draft: Draft): boolean {
  return draft.note.trim() !== "" || changedLocales(draft).length > 0;
}
