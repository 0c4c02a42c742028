import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { describe, RETRY_AFTER_SECONDS } from "@/server/db/unavailable";
import { guardTrpcRequest, Refused, refusal } from "@/server/http/guard";

export const dynamic = "force-dynamic";

const ENDPOINT = "/api/trpc";

async function handler(req: Request) {
  const guarded = await guardTrpcRequest(req, ENDPOINT);
  if (guarded instanceof Refused) return refusal(guarded, new URL(req.url).searchParams.get("batch") === "1");
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req: guarded,
    router: appRouter,
    createContext: () => createContext(guarded.headers),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"}:`, error);
      else if (error.code === "SERVICE_UNAVAILABLE") console.warn(`tRPC ${path ?? "?"}: database unavailable, answered 503 (${describe(error.cause)})`);
    },
    responseMeta({ errors }) {
      return errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: new Headers({ "Retry-After": String(RETRY_AFTER_SECONDS) }) } : {};
    },
  });
}

export { handler as GET, handler as POST };
