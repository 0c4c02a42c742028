import { z } from "zod";
import { LIMITS, idSchema, localeSchema, pageSchema, slugSchema, textField, userIdSchema } from "./common";
import { changesSchema } from "./suggestion";

export const REJECT_REASONS = [
  "inaccurate",
  "unclear",
  "duplicate",
  "out_of_scope",
  "translation",
  "formatting",
  "spam",
  "other",
] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof rejectReasonSchema>;

export const queueInput = pageSchema.extend({
  questionSlug: slugSchema.optional(),
  locale: localeSchema.optional(),
});

export const moderationGetInput = z.object({ id: idSchema });

export const approveInput = z.object({
  id: idSchema,
  /** Edit-then-approve: the moderator's final values for any fields (they win over the suggestion's). */
  edits: changesSchema.optional(),
});

export const rejectInput = z
  .object({
    id: idSchema,
    reasonCode: rejectReasonSchema,
    reasonText: textField("Reason", LIMITS.reasonText).optional(),
  })
  .refine((v) => v.reasonCode !== "other" || (v.reasonText ?? "").trim().length > 0, {
    message: "Say why in a few words when the reason is “other”.",
    path: ["reasonText"],
  });

export const AUDIT_ACTIONS = ["approve", "edit_approve", "reject", "rollback", "role_change"] as const;

export const auditInput = pageSchema.extend({
  questionSlug: slugSchema.optional(),
  /** Only this moderator's decisions (a user id). */
  actorId: userIdSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
});
