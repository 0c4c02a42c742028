import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
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
    },
  });
}

export { handler as GET, handler as POST };
