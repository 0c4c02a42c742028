/**
 * Rate limits kept in Postgres (one counter row per key and fixed window), so they hold across
 * serverless instances and processes. A limit is judged over a sliding window, estimated from the
 * current window's count and the previous one's, weighted by how much of it still falls in the last
 * `windowSeconds`: with fixed windows alone a client could spend the limit at the end of one window
 * and again at the start of the next (twice the limit in a moment).
 */
import { createHmac } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq, lt, sql } from "drizzle-orm";
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

/**
 * Counts one attempt against the key; returns the attempts in the last `windowSeconds`, this one
 * included: the current fixed window's count plus the previous window's, weighted by the part of it
 * still inside the sliding window (an estimate that assumes its attempts were spread evenly).
 */
export async function hit(db: Db, key: string, windowSeconds: number, now = new Date()): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [previous] = await db
    .select({ count: rateLimitCounters.count })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, new Date(windowStart.getTime() - windowMs))));
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
  const stillInside = 1 - (now.getTime() - windowStart.getTime()) / windowMs;
  return row.count + (previous?.count ?? 0) * stillInside;
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
