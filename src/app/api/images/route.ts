import { getSessionUser } from "@/server/auth";
import { clientIp } from "@/server/api/context";
import { LIMITS } from "@/server/api/schemas/common";
import { getDb } from "@/server/db";
import { orUnavailable } from "@/server/db/unavailable";
import { ImageRejected, storeImage } from "@/server/services/images";
import { enforce, hashIp, RATE_LIMITS } from "@/server/services/rate-limit";
import { allowedOrigins } from "@/server/http/guard";
import { BodyTooLarge, readCapped } from "@/server/http/body";
import { sameOrigin } from "@/server/http/origin";
import { TRPCError } from "@trpc/server";

export const dynamic = "force-dynamic";

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });


/**
 * Upload one image (multipart field "file"). Answers { uploadId, url, mime, width, height, size };
 * the uploadId goes into suggestion.submit as image: { op: "upload", uploadId }.
 */
export async function POST(request: Request): Promise<Response> {
  // A database that is away (restarting) answers 503 with Retry-After, not 500.
  return orUnavailable(() => upload(request));
}

async function upload(request: Request): Promise<Response> {
  if (!sameOrigin(request.headers, allowedOrigins())) return json({ error: "Uploads are only accepted from this site." }, 403);
  const tooLarge = () => json({ error: `The image is too large: at most ${LIMITS.imageBytes / 1024 / 1024} MB.` }, 413);
  // Read as it streams and stop at the cap (multipart framing adds a little): a chunked upload
  // without Content-Length was read whole into memory before the size check.
  let bytes: Buffer;
  try {
    bytes = await readCapped(request, LIMITS.imageBytes + 64 * 1024);
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLarge();
    return json({ error: "The upload could not be read; try again." }, 400);
  }
  const db = await getDb();
  const ip = clientIp(request.headers);
  const user = await getSessionUser(db, request.headers);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return json({ error: 'Send the image as multipart/form-data in a field named "file".' }, 400);
  }
  const file = form.get("file");
  if (!(file instanceof File)) return json({ error: 'Send the image in a field named "file".' }, 400);
  if (file.size > LIMITS.imageBytes) return tooLarge();
  try {
    await enforce(db, [
      {
        key: `upload:ip:${hashIp(ip)}`,
        limit: RATE_LIMITS.uploadsPerHour,
        windowSeconds: 3600,
        message: `Too many uploads: at most ${RATE_LIMITS.uploadsPerHour} an hour.`,
      },
    ]);
    const stored = await storeImage(db, Buffer.from(await file.arrayBuffer()), {
      userId: user?.id ?? null,
      ipHash: user ? null : hashIp(ip),
    });
    // The internal row id stays internal: clients only ever see the content address.
    const { uploadId, url, mime, width, height, size } = stored;
    return json({ uploadId, url, mime, width, height, size }, 201);
  } catch (error) {
    if (error instanceof ImageRejected) return json({ error: error.message }, error.status);
    if (error instanceof TRPCError && error.code === "TOO_MANY_REQUESTS") return json({ error: error.message }, 429);
    throw error;
  }
}
