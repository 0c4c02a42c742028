import "server-only";
import { getSessionUser } from "../auth";
import { env } from "@/env";
import { getDb } from "../db";
import { clientIpFrom } from "../http/client-ip";
import type { Context } from "./trpc";

/** The caller's IP: the platform's header, or the right-most X-Forwarded-For entry our proxies did not write. */
export function clientIp(headers: Headers): string {
  const e = env();
  return clientIpFrom(headers, { trustedProxies: e.TRUSTED_PROXIES, ipHeader: e.CLIENT_IP_HEADER });
}

export async function createContext(headers: Headers): Promise<Context> {
  const db = await getDb();
  return { db, user: await getSessionUser(db, headers), ip: clientIp(headers), headers };
}
