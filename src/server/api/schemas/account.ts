import { z } from "zod";
import { lineField } from "./common";

export const ROLES = ["contributor", "moderator", "admin"] as const;
export const roleSchema = z.enum(ROLES);

export const setRoleInput = z.object({
  email: z.email().max(254),
  role: roleSchema,
});

/** A display name: one line of readable text (no NUL or other controls, no direction overrides). */
export const nameSchema = lineField("Name", 100, { min: 1 });

/** Sign-up form rules (better-auth enforces its own password length as well). */
export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name.").pipe(nameSchema),
  email: z.email("Enter a valid email address.").max(254),
  password: z.string().min(8, "At least 8 characters.").max(128, "At most 128 characters."),
});
