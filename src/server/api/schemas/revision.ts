import { z } from "zod";
import { idSchema, localeSchema, pageSchema, slugSchema, textField } from "./common";

export const historyInput = pageSchema.extend({
  questionSlug: slugSchema,
  locale: localeSchema,
});

export const compareInput = z.object({ fromRevisionId: idSchema, toRevisionId: idSchema });

export const rollbackInput = z.object({
  revisionId: idSchema,
  /** Optional guard: fail with CONFLICT if the published revision changed meanwhile. */
  expectedCurrentRevisionId: idSchema.optional(),
  /** Why the moderator rolls back; shown in the history and the audit log. */
  reason: textField("Reason", 500, { min: 1 }).optional(),
});

export const translationStatusInput = z.object({ questionSlug: slugSchema, locale: localeSchema });
