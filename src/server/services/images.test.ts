import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { images, questionRevisions } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import { LIMITS } from "../api/schemas/common";
import { callerAs, FAKE_PNG, FIXTURE, key, published, samplePng, SCRIPT_SVG, seedFixture } from "./moderation-testing";
import {
  getImageBytes,
  ImageRejected,
  imageUrlById,
  processImage,
  pruneUnusedImages,
  sniffFormat,
  storeImage,
  UNUSED_IMAGE_GRACE_HOURS,
} from "./images";

const drivers = await testDrivers();

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#3366ff" } });
const sampleJpeg = () => solid(8, 6).jpeg().withMetadata({ exif: { IFD0: { Copyright: "SECRET-EXIF-JPEG" } } }).toBuffer();
const sampleWebp = () => solid(8, 6).webp().toBuffer();


async function rejected(p: Promise<unknown>): Promise<ImageRejected> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ImageRejected);
  return e as ImageRejected;
}

describe("processImage", () => {
  it("knows PNG, JPEG and WebP by their magic numbers only", async () => {
    expect(sniffFormat(await samplePng())).toBe("png");
    expect(sniffFormat(await sampleJpeg())).toBe("jpeg");
    expect(sniffFormat(await sampleWebp())).toBe("webp");
    expect(sniffFormat(SCRIPT_SVG)).toBeNull();
    expect(sniffFormat(Buffer.from("GIF89a"))).toBeNull();
  });

  it("re-encodes each accepted type, dropping EXIF metadata", async () => {
    for (const [make, format, secret] of [
      [samplePng, "png", "SECRET-EXIF-PNG"],
      [sampleJpeg, "jpeg", "SECRET-EXIF-JPEG"],
      [sampleWebp, "webp", null],
    ] as const) {
      const input = await make();
      if (secret) expect(input.includes(secret)).toBe(true);
      const out = await processImage(input);
      expect(out).toMatchObject({ format, width: 8, height: 6 });
      if (secret) expect(out.data.includes(secret)).toBe(false);
      expect((await sharp(out.data).metadata()).format).toBe(format);
    }
  });

  it("drops anything appended after the image data (polyglot files)", async () => {
    const polyglot = Buffer.concat([await samplePng(), Buffer.from("<html><script>alert(1)</script></html>")]);
    const out = await processImage(polyglot);
    expect(out.data.includes("<script>")).toBe(false);
  });

  it("rejects a script-bearing SVG, a fake PNG, an empty file, and oversize files or dimensions", async () => {
    expect((await rejected(processImage(SCRIPT_SVG))).message).toBe("Only PNG, JPEG and WebP images are accepted.");
    expect((await rejected(processImage(FAKE_PNG))).message).toBe("The file is not a readable PNG, JPEG or WebP image.");
    // A real PNG header on a truncated image fails the full decode too.
    const truncated = (await solid(64, 64).png().toBuffer()).subarray(0, 80);
    expect((await rejected(processImage(truncated))).message).toBe("The file is not a readable PNG, JPEG or WebP image.");
    expect((await rejected(processImage(Buffer.alloc(0)))).message).toBe("The file is empty.");
    const big = await rejected(processImage(Buffer.concat([await samplePng(), Buffer.alloc(LIMITS.imageBytes)])));
    expect([big.status, big.message]).toEqual([413, "The image is too large: at most 2 MB."]);
    const wide = await solid(LIMITS.imageSide + 1, 1).png().toBuffer();
    expect((await rejected(processImage(wide))).message).toBe("The image is too big: at most 4096×4096 pixels.");
    // More pixels than 4096×4096 in all: too big, not "unreadable" (it said so before).
    const huge = await solid(5_000, 5_000).png().toBuffer();
    expect((await rejected(processImage(huge))).message).toBe("The image is too big: at most 4096×4096 pixels.");
    // Noise saved at low quality is under the cap, but re-encoded at quality 90 it is not: refused, not stored over the cap.
    const noise = await sharp(randomBytes(2_200 * 2_200 * 3), { raw: { width: 2_200, height: 2_200, channels: 3 } }).jpeg({ quality: 30 }).toBuffer();
    expect(noise.length).toBeLessThan(LIMITS.imageBytes);
    const grown = await rejected(processImage(noise));
    expect([grown.status, grown.message]).toEqual([413, "The image is too large once its metadata is removed: at most 2 MB. Save it smaller or as JPEG."]);
    // A JPEG signature on PNG data is a mismatch, not a JPEG.
    const mislabeled = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), await samplePng()]);
    await rejected(processImage(mislabeled));
  });
});

describe.each(drivers)("storeImage on $driver", ({ available, create }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (available) t = await create({ seed: false });
  });
  afterAll(async () => t?.close());

  it.skipIf(!available)("stores the re-encoded bytes content-addressed, once per content", async () => {
    const png = await samplePng();
    const a = await storeImage(t.db, png, { userId: null, ipHash: "h" });
    const b = await storeImage(t.db, png, { userId: null, ipHash: "h" });
    expect(a.uploadId).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ mime: "image/png", width: 8, height: 6, url: `/api/images/${a.uploadId}` });
    const stored = await getImageBytes(t.db, a.uploadId);
    expect(stored?.mime).toBe("image/png");
    expect(stored?.data.length).toBe(a.size);
    expect(stored?.data.includes("SECRET-EXIF-PNG")).toBe(false);
    expect(await imageUrlById(t.db, a.id)).toBe(a.url);
    expect(await getImageBytes(t.db, "0".repeat(64))).toBeNull();
  });

  it.skipIf(!available)("removes uploads nothing uses once the grace period is over, and keeps every used one", async () => {
    await seedFixture(t.db);
    const store = async (hue: string) =>
      storeImage(t.db, await sharp({ create: { width: 3, height: 3, channels: 3, background: hue } }).png().toBuffer(), { userId: null, ipHash: "h" });
    const [unused, asImage, inText, recent] = await Promise.all(["#100000", "#200000", "#300000", "#400000"].map(store));
    const base = await published(t.db, FIXTURE.main.slug, "en");
    await t.db.update(questionRevisions).set({ imageId: asImage.id }).where(eq(questionRevisions.id, base.id));
    await callerAs(t.db, null).suggestion.submit({
      questionSlug: FIXTURE.main.slug, locale: "en", baseRevisionId: base.id, changes: { body: `See ![d](${inText.url})` }, clientKey: key(),
    });
    const old = new Date(Date.now() - (UNUSED_IMAGE_GRACE_HOURS + 1) * 3_600_000);
    await t.db.update(images).set({ createdAt: old }).where(inArray(images.id, [unused.id, asImage.id, inText.id]));
    expect(await pruneUnusedImages(t.db)).toBe(1);
    const left = (await t.db.select({ id: images.id }).from(images)).map((r) => r.id);
    expect(left).not.toContain(unused.id);
    expect(left).toEqual(expect.arrayContaining([asImage.id, inText.id, recent.id]));
  });
});
