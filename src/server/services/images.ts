/**
 * Image uploads: the type is decided by the bytes (PNG, JPEG or WebP magic numbers) and confirmed
 * by a full decode; the image is re-encoded (which drops EXIF/XMP/ICC metadata and anything
 * smuggled after the image data) and stored in Postgres, addressed by the SHA-256 of the result.
 */
import { createHash } from "node:crypto";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import sharp from "sharp";
import { LIMITS } from "../api/schemas/common";
import type { Db } from "../db/client";
import { images, questionRevisions, suggestions } from "../db/schema";

export type ImageFormat = "png" | "jpeg" | "webp";
export const MIME: Record<ImageFormat, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

/** A problem with the uploaded file, worded for the person who uploaded it. */
export class ImageRejected extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0xff, 0xd8, 0xff])) return "jpeg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

export interface StoredImage {
  id: number;
  uploadId: string;
  url: string;
  mime: string;
  width: number;
  height: number;
  size: number;
}

export const imageUrl = (sha256: string) => `/api/images/${sha256}`;

export async function processImage(bytes: Buffer): Promise<{ format: ImageFormat; data: Buffer; width: number; height: number }> {
  if (bytes.length === 0) throw new ImageRejected("The file is empty.");
  if (bytes.length > LIMITS.imageBytes) {
    throw new ImageRejected(`The image is too large: at most ${LIMITS.imageBytes / 1024 / 1024} MB.`, 413);
  }
  const format = sniffFormat(bytes);
  if (!format) throw new ImageRejected("Only PNG, JPEG and WebP images are accepted.");
  const side = LIMITS.imageSide;
  let out: { data: Buffer; info: { width: number; height: number } };
  try {
    // The header first, without the pixel limit (it only reads the size), so that an image with too
    // many pixels is called too big rather than unreadable; the decode below keeps the limit.
    const meta = await sharp(bytes, { limitInputPixels: false, animated: false }).metadata();
    if (meta.format !== format) throw new ImageRejected("The file's contents do not match its image type.");
    if (!meta.width || !meta.height || meta.width > side || meta.height > side) {
      throw new ImageRejected(`The image is too big: at most ${side}×${side} pixels.`);
    }
    const input = sharp(bytes, { failOn: "error", limitInputPixels: side * side, animated: false });
    // rotate() applies the EXIF orientation before the metadata is dropped.
    const pipeline = input.rotate();
    const encoded =
      format === "png" ? pipeline.png() : format === "jpeg" ? pipeline.jpeg({ quality: 90 }) : pipeline.webp({ quality: 90 });
    out = await encoded.toBuffer({ resolveWithObject: true });
    // Re-encoding (which drops metadata) can make an image bigger than it came; past the cap it is refused.
    if (out.data.length > LIMITS.imageBytes) {
      throw new ImageRejected(
        `The image is too large once its metadata is removed: at most ${LIMITS.imageBytes / 1024 / 1024} MB. Save it smaller or as JPEG.`,
        413,
      );
    }
  } catch (error) {
    if (error instanceof ImageRejected) throw error;
    throw new ImageRejected("The file is not a readable PNG, JPEG or WebP image.");
  }
  return { format, data: out.data, width: out.info.width, height: out.info.height };
}

export async function storeImage(
  db: Db,
  bytes: Buffer,
  uploader: { userId: string | null; ipHash: string | null },
): Promise<StoredImage> {
  const { format, data, width, height } = await processImage(bytes);
  const sha256 = createHash("sha256").update(data).digest("hex");
  await db
    .insert(images)
    .values({ sha256, mime: MIME[format], width, height, size: data.length, data, uploaderId: uploader.userId, uploaderIpHash: uploader.ipHash })
    .onConflictDoNothing({ target: images.sha256 });
  const [row] = await db
    .select({ id: images.id, mime: images.mime, width: images.width, height: images.height, size: images.size })
    .from(images)
    .where(eq(images.sha256, sha256));
  // Now and then an upload also clears old unused ones (no scheduler needed on serverless hosts).
  if (Math.random() < 0.02) await pruneUnusedImages(db).catch((e: unknown) => console.warn("pruning unused images:", e));
  return { ...row, uploadId: sha256, url: imageUrl(sha256) };
}

/** How long an upload may wait for the suggestion that uses it. */
export const UNUSED_IMAGE_GRACE_HOURS = 24;

/**
 * Removes uploads older than the grace period that nothing uses: no suggestion or revision has it
 * as its image or names it (its content address) in its text. Returns how many went.
 */
export async function pruneUnusedImages(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNUSED_IMAGE_GRACE_HOURS * 3_600_000);
  const named = (table: typeof suggestions | typeof questionRevisions) =>
    sql`strpos(coalesce(${table.body}, '') || coalesce(${table.shortAnswer}, ''), ${images.sha256}) > 0`;
  const removed = await db
    .delete(images)
    .where(
      and(
        lt(images.createdAt, cutoff),
        sql`not exists (select 1 from ${suggestions} where ${suggestions.imageId} = ${images.id} or ${named(suggestions)})`,
        sql`not exists (select 1 from ${questionRevisions} where ${questionRevisions.imageId} = ${images.id} or ${named(questionRevisions)})`,
      ),
    )
    .returning({ id: images.id });
  return removed.length;
}

export async function getImageBytes(db: Db, sha256: string): Promise<{ mime: string; data: Buffer } | null> {
  const [row] = await db.select({ mime: images.mime, data: images.data }).from(images).where(eq(images.sha256, sha256));
  return row ?? null;
}

export async function findImageByUploadId(db: Db, uploadId: string): Promise<{ id: number } | null> {
  const [row] = await db.select({ id: images.id }).from(images).where(eq(images.sha256, uploadId));
  return row ?? null;
}

/** URLs of images by id (for revisions and suggestions, which reference images by id). */
export async function imageUrls(db: Db, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === "number"))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: images.id, sha256: images.sha256 }).from(images).where(inArray(images.id, wanted));
  return new Map(rows.map((r) => [r.id, imageUrl(r.sha256)]));
}

/** The public URL of one image id, or null (for the question page). */
export async function imageUrlById(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return (await imageUrls(db, [id])).get(id) ?? null;
}
