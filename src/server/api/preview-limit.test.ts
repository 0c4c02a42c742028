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
import { PREVIEW_REFUSALS, PREVIEW_TARPIT } from "./routers/suggestion";

describe("suggestion.preview's limit", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPgliteTestDb({ seed: false });
  });
  afterAll(async () => t?.close());

  it("counts refused texts too, refuses past the limit after a pause, and leaves other addresses alone", async () => {
    const client = callerAs(t.db, null, "198.51.100.77");
    const hostile = "**_".repeat(20_000); // refused by the Markdown limits
    // The limit is a sliding estimate over fixed minute windows: a loop that crosses into a new minute has part of
    // its count discounted, and the request past the limit could pass. Start it with a whole minute ahead.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
    for (let i = 0; i < env().PREVIEWS_PER_MINUTE; i++) {
      const e = await client.suggestion.preview({ markdown: i % 4 === 0 ? hostile : "**fine**" }).then(
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
  }, 90_000);

  it("answers the first refusals of a minute at once, and later ones after a pause; a text it renders at once", async () => {
    const client = callerAs(t.db, null, "198.51.100.90");
    const refuse = async () => {
      const t0 = performance.now();
      const e = await client.suggestion.preview({ markdown: "> ".repeat(30_000) }).catch((error: unknown) => error);
      expect((e as TRPCError).code).toBe("BAD_REQUEST");
      expect((e as TRPCError).message).toMatch(/nest/i);
      return performance.now() - t0;
    };
    for (let i = 0; i < PREVIEW_REFUSALS.free; i++) expect(await refuse()).toBeLessThan(PREVIEW_REFUSALS.pauseMs);
    expect(await refuse()).toBeGreaterThanOrEqual(PREVIEW_REFUSALS.pauseMs - 20);
    const t0 = performance.now();
    expect((await client.suggestion.preview({ markdown: "**fine**" })).html).toContain("<strong>fine</strong>");
    expect(performance.now() - t0).toBeLessThan(PREVIEW_REFUSALS.pauseMs);
    // Another address's refusals are its own.
    const other = await callerAs(t.db, null, "198.51.100.91").suggestion.preview({ markdown: "> ".repeat(30_000) }).catch((e: unknown) => e);
    expect((other as TRPCError).code).toBe("BAD_REQUEST");
  }, 30_000);
});
