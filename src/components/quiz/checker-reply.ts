/** What the checking worker answers, validated before the page uses it (loaded with the worker, not the page). */
import * as z from "zod/mini";

const transcriptLine = z.object({ command: z.string(), stdout: z.string(), stderr: z.string(), exitCode: z.number() });
const missSchema = z.looseObject({ code: z.string() });
export const replySchema = z.object({
  id: z.number(),
  result: z.optional(
    z.union([
      z.object({ status: z.literal("checked"), passed: z.boolean(), transcript: z.array(transcriptLine), misses: z.array(missSchema) }),
      z.object({ status: z.literal("invalid"), reason: z.enum(["empty", "tooManyLines", "lineTooLong"]) }),
    ]),
  ),
  error: z.optional(z.string()),
});
