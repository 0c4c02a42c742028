import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { messageOf } from "./errors";

const serverError = (message: string, data: Record<string, unknown>) =>
  TRPCClientError.from({ error: { message, code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400, ...data } } });

describe("messageOf", () => {
  it("turns refused input into the field messages", () => {
    const error = serverError('[{"code":"too_big"}]', {
      zodError: { formErrors: [], fieldErrors: { changes: ["Title is too long: at most 200 characters."], note: ["Note to the moderator contains a NUL character; remove it and try again."] } },
    });
    expect(messageOf(error)).toEqual({
      network: false,
      message: "Title is too long: at most 200 characters. Note to the moderator contains a NUL character; remove it and try again.",
    });
  });

  it("keeps the server message for other refusals and says when the network failed", () => {
    expect(messageOf(serverError("Your suggestion changes nothing.", { zodError: null }))).toEqual({ network: false, message: "Your suggestion changes nothing." });
    expect(messageOf(new TypeError("Failed to fetch")).network).toBe(true);
    expect(messageOf(TRPCClientError.from(new TypeError("Failed to fetch"))).network).toBe(true);
  });
});
