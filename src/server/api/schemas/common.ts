/**
 * Input rules shared by the server and the browser (the suggest and moderation forms validate with
 * the same schemas). No server-only imports here.
 */
import { z } from "zod";
import { markdownProblem, markdownProblemMessage } from "@/lib/markdown/limits";

export const LIMITS = {
  title: 200,
  shortAnswer: 2_000,
  body: 60_000,
  note: 2_000,
  reasonText: 2_000,
  imageBytes: 2 * 1024 * 1024,
  imageSide: 4096,
  pageSize: 100,
} as const;

export const LOCALES = ["en", "uk"] as const;
export const localeSchema = z.enum(LOCALES);
export type LocaleInput = z.infer<typeof localeSchema>;

export const slugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "A slug has lowercase letters, digits and single dashes.");

export const idSchema = z.number().int().positive().max(2_147_483_647);

/** An account's id as the auth library makes them (letters, digits, `-` and `_`); anything else names no one. */
export const userIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "An account id has letters, digits, dashes and underscores only.");

/** CR LF and lone CR become LF, so the same text typed on any OS compares equal. */
export function normalizeNewlines(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

// NUL and other C0 controls (tab and newline excepted) have no place in text people read;
// zero-width joiners, RTL marks, Cyrillic and emoji are all kept as typed.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Markdown or plain text: newlines normalised, control characters refused, length capped. */
export function textField(label: string, max: number, { multiline = true, min = 0 } = {}) {
  return z
    .string()
    .transform(normalizeNewlines)
    .pipe(
      z
        .string()
        .max(max, `${label} is too long: at most ${max.toLocaleString("en")} characters.`)
        .refine((v) => !v.includes("\u0000"), `${label} contains a NUL character; remove it and try again.`)
        .refine((v) => !CONTROL.test(v.replace(/\u0000/g, "")), `${label} contains a control character; remove it.`)
        .refine((v) => multiline || !v.includes("\n"), `${label} must be a single line.`)
        .refine(
          (v) => v.trim().length >= min,
          min > 0 ? `${label} cannot be empty.` : `${label} is invalid.`,
        ),
    );
}

/** A page of results after `cursor` (an id; the list is in id order). */
export const pageSchema = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(LIMITS.pageSize).default(20),
});

/** A Markdown field: a text field whose nesting and repetition stay within what renders quickly. */
export function markdownField(label: string, max: number, options: { min?: number } = {}) {
  return textField(label, max, options).superRefine((value, ctx) => {
    const problem = markdownProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: markdownProblemMessage(label, problem) });
  });
}

// A UTF-16 half without its other half (JSON can carry one; it would be stored as U+FFFD).
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Bidirectional embeddings, overrides and isolates: they make a title read differently from what it
// is (\u202E "gnp.exe"). The plain RTL and LTR marks (U+200E, U+200F) stay allowed.
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** A single line of text shown as a heading or a link: also refuses invisible direction overrides. */
export function lineField(label: string, max: number, options: { min?: number } = {}) {
  return z
    .string()
    .refine((v) => !LONE_SURROGATE.test(v), `${label} contains a broken character (half of a UTF-16 pair); retype it.`)
    .refine(
      (v) => !BIDI_CONTROL.test(v),
      `${label} contains an invisible text-direction override (U+202A–U+202E, U+2066–U+2069); remove it.`,
    )
    .pipe(textField(label, max, { ...options, multiline: false }));
}
