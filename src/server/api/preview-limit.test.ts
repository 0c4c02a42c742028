/**
 * suggestion.preview: every preview counts against its address's limit, refused texts included and before
 * the text is validated, and past the limit the refusal comes after a pause (a loop of requests from one
 * client slows to one a second instead of taking a core).
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteTestDb, type TestDb } from "../db/testing";
import { env } from "@/env";
import { callerAs } from "../services/moderation-testing";
import { PREVIEW_TARPIT } from "./routers/suggestion";

describe("suggestion.preview's limit", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPgliteTestDb({ seed: false });
  });
  afterAll(async () => t?.close());

  it("counts refused texts too, refuses past the limit after a pause, and leaves other addresses alone", async () => {
    const client = callerAs(t.db, null, "198.51.100.77");
    const hostile = "**_".repeat(20_000); // refused by the Markdown limits
    for (let i = 0; i < env().PREVIEWS_PER_MINUTE; i++) {
      const e = await client.suggestion.preview({ markdown: i % 2 ? hostile : "**fine**" }).then(
        () => null,
        (error: unknown) => error,
      );
      if (e) expect((e as TRPCError).code).toBe("BAD_REQUEST");
    }
    const t0 = performance.now();
    const over = await client.suggestion.preview({ markdown: "**fine**" }).catch((e: unknown) => e);
    expect((over as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((over as TRPCError).message).toMatch(/Too many previews in a minute/);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(PREVIEW_TARPIT.ms - 50);
    // Even an input that fails validation is refused for the limit (validation comes after it).
    const invalid = await client.suggestion.preview({ markdown: 5 as unknown as string }).catch((e: unknown) => e);
    expect((invalid as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    // Another address previews as usual.
    expect((await callerAs(t.db, null, "198.51.100.78").suggestion.preview({ markdown: "**fine**" })).html).toContain("<strong>fine</strong>");
  }, 30_000);
});
