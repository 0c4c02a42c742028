import "server-only";
import { getSessionUser } from "../auth";
import { getDb } from "../db";
import type { Context } from "./trpc";

/** The caller's IP as the platform or proxy reports it (first hop of x-forwarded-for). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}

export async function createContext(headers: Headers): Promise<Context> {
  const db = await getDb();
  return { db, user: await getSessionUser(db, headers), ip: clientIp(headers), headers };
}
