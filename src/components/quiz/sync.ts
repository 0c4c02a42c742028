"use client";

/**
 * For a signed-in learner: sends this browser's progress to the account and takes back the merge of
 * every device's (once at start, then shortly after each change). Loaded only when someone is signed in,
 * so anonymous visitors never download the tRPC client.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { startProgressSync } from "@/components/progress/local-store";
import { adoptProgress, currentProgress, onLocalChange } from "./store";

export function startSync(): () => void {
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] });
  return startProgressSync({ current: currentProgress, adopt: adoptProgress, onLocalChange }, (p) => client.quiz.syncProgress.mutate(p));
}
