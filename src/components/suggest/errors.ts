import { TRPCClientError } from "@trpc/client";

/**
 * What to tell the contributor about a failed call: the server's own words (for refused input, its
 * field messages rather than the raw list of issues), or that the network failed.
 */
export function messageOf(error: unknown): { network: boolean; message: string } {
  if (error instanceof TRPCClientError && error.data) {
    // Input the server refused: its field messages, not the raw list of issues.
    const zod = error.data.zodError as { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | null | undefined;
    const parts = zod ? [...(zod.formErrors ?? []), ...Object.values(zod.fieldErrors ?? {}).flatMap((m) => m ?? [])] : [];
    return { network: false, message: parts.length > 0 ? [...new Set(parts)].join(" ") : error.message };
  }
  return { network: true, message: error instanceof Error ? error.message : String(error) };
}
