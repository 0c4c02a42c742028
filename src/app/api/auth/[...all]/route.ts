import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/server/auth";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  return getAuth(await getDb()).handler(request);
}

export const { GET, POST } = toNextJsHandler(handler);
