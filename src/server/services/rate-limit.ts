/**
 * Rate limits kept in Postgres (fixed windows, one counter row per key and window), so they hold
 * across serverless instances and processes.
 */
import { createHmac } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { lt, sql } from "drizzle-orm";
import { env } from "@/env";
import type { Db } from "../db/client";
import { rateLimitCounters } from "../db/schema";

export const RATE_LIMITS = {
  /** Suggestions per hour from one IP without an account: the default of ANONYMOUS_SUGGESTIONS_PER_HOUR. */
  anonymousSubmitsPerHour: 10,
  /** Suggestions per hour from one signed-in account. */
  accountSubmitsPerHour: 30,
  /** Pending (not yet moderated) suggestions per contributor (account, or IP when anonymous). */
  pendingPerContributor: 5,
  /** Image uploads per hour from one IP. */
  uploadsPerHour: 30,
  /** Markdown previews per minute from one IP. */
} as const;

/** A salted hash of an IP address: lets us count per address without storing it. */
export function hashIp(ip: string): string {
  return createHmac("sha256", env().BETTER_AUTH_SECRET).update(`ip:${ip}`).digest("hex");
}

export interface LimitCheck {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Said to the user when the limit is hit, followed by when to try again. */
  message: string;
}

/** Counts one attempt against the key; returns the count in the current window. */
export async function hit(db: Db, key: string, windowSeconds: number, now = new Date()): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count });
  // Now and then, drop windows older than a day (cheap: indexed on window_start).
  if (Math.random() < 0.01) {
    await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, new Date(now.getTime() - 86_400_000)));
  }
  return row.count;
}

function waitText(now: Date, windowSeconds: number): string {
  const windowMs = windowSeconds * 1000;
  const leftMs = windowMs - (now.getTime() % windowMs);
  const minutes = Math.ceil(leftMs / 60_000);
  return minutes <= 1 ? "in a minute" : `in ${minutes} minutes`;
}

/** Counts the attempt against every check; throws TOO_MANY_REQUESTS on the first one over its limit. */
export async function enforce(db: Db, checks: LimitCheck[], now = new Date()): Promise<void> {
  for (const check of checks) {
    const count = await hit(db, check.key, check.windowSeconds, now);
    if (count > check.limit) {
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `${check.message} Try again ${waitText(now, check.windowSeconds)}.`,
      });
    }
  }
}
