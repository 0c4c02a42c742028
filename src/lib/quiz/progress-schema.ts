/**
 * The zod schemas of what the browser keeps (progress and flashcards) and the functions that read it
 * back. Kept in their own module so the quiz page loads zod only after its first paint, when progress
 * is read (the page's first-load script stays small); the rest of the quiz imports only their types.
 */
import * as z from "zod/mini";
import { emptyProgress, MAX_INTERVIEWS, STORAGE_KEY } from "./progress";

const iso = z.iso.datetime();
const nonNegative = z.number().check(z.minimum(0));
const count = z.int().check(z.minimum(0));
export const storedCardSchema = z.strictObject({
  due: iso,
  stability: nonNegative,
  difficulty: nonNegative,
  elapsed_days: nonNegative,
  scheduled_days: nonNegative,
  learning_steps: count,
  reps: count,
  lapses: count,
  state: z.int().check(z.minimum(0), z.maximum(3)),
  last_review: z.optional(iso),
});
export type StoredCard = z.infer<typeof storedCardSchema>;

const itemId = z.string().check(z.regex(/^[a-z0-9-]{1,80}$/));
const attemptSchema = z
  .strictObject({ seen: z.int().check(z.minimum(1)), correct: z.int().check(z.minimum(0)), last: z.enum(["right", "wrong"]), at: z.iso.datetime() })
  .check(z.refine((a) => a.correct <= a.seen, "more right answers than attempts"));
const interviewSchema = z.strictObject({
  at: z.iso.datetime(),
  points: z.number().check(z.minimum(0)),
  total: z.int().check(z.minimum(1)),
  topic: z.optional(z.string().check(z.maxLength(80))),
});

/** More than the bank will ever hold, so a file (or a request) cannot grow without bound. */
export const MAX_ITEMS = 2000;
const bounded = (r: Record<string, unknown>) => Object.keys(r).length <= MAX_ITEMS;

export const progressSchema = z.strictObject({
  app: z.literal("overlay-lab-quiz"),
  version: z.literal(1),
  attempts: z.record(itemId, attemptSchema).check(z.refine(bounded, "too many items")),
  cards: z.record(itemId, storedCardSchema).check(z.refine(bounded, "too many items")),
  interviews: z.array(interviewSchema).check(z.maxLength(MAX_INTERVIEWS)),
  /** When a topic reset forgot an item: older answers and cards from another device stay forgotten. */
  cleared: z.optional(z.record(itemId, z.iso.datetime()).check(z.refine(bounded, "too many items"))),
});
export type Progress = z.infer<typeof progressSchema>;
export type Attempt = Progress["attempts"][string];

export type ImportError = "notJson" | "notProgress";
export type ParseResult = { ok: true; progress: Progress } | { ok: false; error: ImportError; detail: string };

export function parseProgress(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: "notJson", detail: (e as Error).message };
  }
  const parsed = progressSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "notProgress", detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 3).join("; ") };
  return { ok: true, progress: parsed.data };
}

/** Reads saved progress; anything unreadable counts as none (and is reported, so the UI can say so). */
export function loadProgress(storage: Pick<Storage, "getItem">): { progress: Progress; discarded: boolean } {
  const text = storage.getItem(STORAGE_KEY);
  if (text === null) return { progress: emptyProgress(), discarded: false };
  const r = parseProgress(text);
  return r.ok ? { progress: r.progress, discarded: false } : { progress: emptyProgress(), discarded: true };
}

