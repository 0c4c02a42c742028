import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/server/auth";
import { getDb } from "@/server/db";
import { orUnavailable } from "@/server/db/unavailable";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  return orUnavailable(async () => getAuth(await getDb()).handler(request));
}

export const { GET, POST } = toNextJsHandler(handler);
