"use client";

/**
 * For a signed-in learner: sends this browser's progress to the account and takes back the merge of
 * every device's (once at start, then shortly after each change). Loaded only when someone is signed in,
 * so anonymous visitors never download the tRPC client.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { adoptProgress, currentProgress, onLocalChange } from "./store";

const DELAY_MS = 800;

export function startSync(): () => void {
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let again = false;
  let stopped = false;

  async function push() {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      const merged = await client.quiz.syncProgress.mutate(await currentProgress());
      if (!stopped) await adoptProgress(merged);
    } catch {
      // Offline or signed out meanwhile: the browser keeps everything, the next change tries again.
    } finally {
      sending = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => void push(), DELAY_MS);
  }

  void push();
  const unsubscribe = onLocalChange(schedule);
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
