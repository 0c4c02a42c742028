import type { Field } from "./types";

/** What edit-then-approve sends: the moderator's text for any field, and for a conflicting image, the chosen one. */
export type Edits = Partial<Record<Exclude<Field, "image">, string>> & {
  image?: { op: "remove" } | { op: "upload"; uploadId: string };
};

/** An image URL (/api/images/<sha256>) as an image edit: that image, or no image. */
export function imageEdit(url: string | null): NonNullable<Edits["image"]> {
  const sha = url?.match(/\/api\/images\/([0-9a-f]{64})$/)?.[1];
  return sha ? { op: "upload", uploadId: sha } : { op: "remove" };
}
