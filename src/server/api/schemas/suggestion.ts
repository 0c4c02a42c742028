import { z } from "zod";
import { LIMITS, idSchema, lineField, localeSchema, markdownField, pageSchema, slugSchema, textField } from "./common";

/** Upload ids are the SHA-256 (hex) of the stored image, as returned by POST /api/images. */
export const uploadIdSchema = z.string().regex(/^[0-9a-f]{64}$/, "Unknown upload id; upload the image again.");

export const imageChangeSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("keep") }),
  z.object({ op: z.literal("remove") }),
  z.object({ op: z.literal("upload"), uploadId: uploadIdSchema }),
]);
export type ImageChange = z.infer<typeof imageChangeSchema>;

export const titleSchema = lineField("Title", LIMITS.title, { min: 1 });
export const shortAnswerSchema = markdownField("Short answer", LIMITS.shortAnswer, { min: 1 });
export const bodySchema = markdownField("Answer", LIMITS.body, { min: 1 });
export const noteSchema = textField("Note to the moderator", LIMITS.note);

/** The fields a suggestion changes; omitted fields are unchanged. */
export const changesSchema = z.object({
  title: titleSchema.optional(),
  shortAnswer: shortAnswerSchema.optional(),
  body: bodySchema.optional(),
  image: imageChangeSchema.optional(),
});
export type Changes = z.infer<typeof changesSchema>;

export const submitInput = z.object({
  questionSlug: slugSchema,
  locale: localeSchema,
  /** The revision the contributor started from (the published one when the form opened). */
  baseRevisionId: idSchema,
  changes: changesSchema,
  note: noteSchema.optional(),
  /** Generated once per form by the browser; a retried submit with the same key returns the same suggestion. */
  clientKey: z.uuid("clientKey must be a UUID."),
});
export type SubmitInput = z.input<typeof submitInput>;

export const previewInput = z.object({
  markdown: markdownField("Markdown", LIMITS.body),
});

export const mineInput = pageSchema;

export const getSuggestionInput = z.object({
  id: idSchema,
  /** Anonymous authors prove ownership with the key they submitted with. */
  clientKey: z.uuid().optional(),
});

export const resubmitInput = submitInput.omit({ questionSlug: true, locale: true }).extend({
  /** The rejected suggestion being revised. */
  suggestionId: idSchema,
});
export type ResubmitInput = z.input<typeof resubmitInput>;

/** The client keys an anonymous browser kept for the suggestions it sent, claimed at sign-in. */
export const claimInput = z.object({
  clientKeys: z.array(z.uuid("clientKey must be a UUID.")).min(1).max(50),
});
