import "server-only";
import { getSessionUser } from "../auth";
import { env } from "@/env";
import { TRPCError } from "@trpc/server";
import { getDb } from "../db";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "../db/unavailable";
import { clientIpFrom } from "../http/client-ip";
import type { Context } from "./trpc";

/** The caller's IP: the platform's header, or the right-most X-Forwarded-For entry our proxies did not write. */
export function clientIp(headers: Headers): string {
  const e = env();
  return clientIpFrom(headers, { trustedProxies: e.TRUSTED_PROXIES, ipHeader: e.CLIENT_IP_HEADER });
}

export async function createContext(headers: Headers): Promise<Context> {
  try {
    const db = await getDb();
    return { db, user: await getSessionUser(db, headers), ip: clientIp(headers), headers };
  } catch (error) {
    // Opening the database or reading the session failed because the database is away: a 503, not a 500.
    if (isDatabaseUnavailable(error)) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: error });
    throw error;
  }
}
