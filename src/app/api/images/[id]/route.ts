import { getDb } from "@/server/db";
import { orUnavailable } from "@/server/db/unavailable";
import { getImageBytes } from "@/server/services/images";

export const dynamic = "force-dynamic";

/** Serves a stored image. Ids are content hashes, so a URL never changes meaning: cache forever. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const headers = { "X-Content-Type-Options": "nosniff" };
  if (!/^[0-9a-f]{64}$/.test(id)) return new Response("Not found", { status: 404, headers });
  // A database that is away (restarting) answers 503 with Retry-After, not 500.
  return orUnavailable(async () => {
    const image = await getImageBytes(await getDb(), id);
    if (!image) return new Response("Not found", { status: 404, headers: { ...headers, "Cache-Control": "no-store" } });
    return new Response(new Uint8Array(image.data), {
      status: 200,
      headers: {
        ...headers,
        "Content-Type": image.mime,
        "Content-Length": String(image.data.length),
        "Cache-Control": "public, max-age=31536000, immutable",
        ETag: `"${id}"`,
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Content-Disposition": "inline",
      },
    });
  });
}
