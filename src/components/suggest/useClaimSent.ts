"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { forgetSent, readSent } from "./sent";

/**
 * For a signed-in contributor: the suggestions this browser sent anonymously become the account's.
 * Returns whether the claim has settled (so "My suggestions" lists them on its first load) and
 * which ids were claimed.
 */
export function useClaimSent(): { settled: boolean; claimed: number[] } {
  const trpc = useTRPC();
  const { mutateAsync } = useMutation(trpc.suggestion.claim.mutationOptions());
  const [state, setState] = useState<{ settled: boolean; claimed: number[] }>({ settled: false, claimed: [] });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    let records: ReturnType<typeof readSent> = [];
    try {
      records = readSent(window.localStorage);
    } catch {
      /* storage disabled: nothing remembered */
    }
    if (records.length === 0) {
      setState({ settled: true, claimed: [] });
      return;
    }
    const keys = records.map((r) => r.clientKey);
    mutateAsync({ clientKeys: keys })
      .then(({ claimed }) => {
        // Keys that were not claimed belong to an account already: nothing more to do with them.
        forgetSent(window.localStorage, keys);
        setState({ settled: true, claimed });
      })
      // A failed claim keeps the keys for the next visit; the list still loads.
      .catch(() => setState({ settled: true, claimed: [] }));
  }, [mutateAsync]);

  return state;
}
