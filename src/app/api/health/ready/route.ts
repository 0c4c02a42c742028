import { sql } from "drizzle-orm";
import { getDb } from "@/server/db";
import { orUnavailable } from "@/server/db/unavailable";

/**
 * Readiness: 200 when this instance can query its database, 503 (with Retry-After) while it cannot, for a
 * load balancer that should send traffic elsewhere meanwhile. Cheap: one `select 1`.
 */
export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return orUnavailable(async () => {
    await (await getDb()).execute(sql`select 1`);
    return Response.json({ status: "ready", database: "reachable" }, { headers: { "Cache-Control": "no-store" } });
  });
}
