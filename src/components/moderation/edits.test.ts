import { describe, expect, it } from "vitest";
import { approveInput } from "@/server/api/schemas/moderation";
import { imageEdit } from "./edits";

describe("imageEdit", () => {
  it("keeps an image by its upload id and turns no image into a removal, in the shape approve accepts", () => {
    const sha = "ab".repeat(32);
    expect(imageEdit(`/api/images/${sha}`)).toEqual({ op: "upload", uploadId: sha });
    expect(imageEdit(null)).toEqual({ op: "remove" });
    expect(imageEdit("/elsewhere/picture.png")).toEqual({ op: "remove" });
    for (const image of [imageEdit(`/api/images/${sha}`), imageEdit(null)]) {
      expect(approveInput.safeParse({ id: 1, edits: { image } }).success).toBe(true);
    }
  });
});
