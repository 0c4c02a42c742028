/** A request body read up to a cap and no further, whatever Content-Length says (or if it says nothing). */
export class BodyTooLarge extends Error {}

export async function readCapped(request: Request, max: number): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? "0") > max) throw new BodyTooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Stop reading: the rest of a chunked upload is never buffered.
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
