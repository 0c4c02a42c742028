/** For tests only (it imports vitest): what a tRPC call failed with. */
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** The TRPCError a call failed with (the test fails if it succeeded or threw something else). */
export async function failure(p: Promise<unknown>): Promise<TRPCError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
