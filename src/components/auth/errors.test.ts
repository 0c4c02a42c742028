import { describe, expect, it } from "vitest";
import { authErrorKey, safeNext } from "./errors";
import { fillName } from "./session";

describe("authErrorKey", () => {
  it("maps better-auth codes and statuses to messages", () => {
    expect(authErrorKey({ code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })).toBe("invalidCredentials");
    expect(authErrorKey({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", status: 422 })).toBe("exists");
    expect(authErrorKey({ code: "PASSWORD_TOO_SHORT", status: 400 })).toBe("passwordShort");
    expect(authErrorKey({ status: 429 })).toBe("tooMany");
    expect(authErrorKey({ code: "SOMETHING_NEW", status: 500 })).toBe("other");
    expect(authErrorKey(null)).toBe("network");
  });
});

describe("safeNext", () => {
  it("keeps paths on this site and refuses everything else", () => {
    expect(safeNext("/uk/moderation?id=3", "/uk")).toBe("/uk/moderation?id=3");
    expect(safeNext("//evil.example/x", "/en")).toBe("/en");
    expect(safeNext("/\\evil.example", "/en")).toBe("/en");
    expect(safeNext("https://evil.example/", "/en")).toBe("/en");
    expect(safeNext("javascript:alert(1)", "/en")).toBe("/en");
    expect(safeNext(null, "/en")).toBe("/en");
  });
});

describe("fillName", () => {
  it("inserts the name literally, even with replacement patterns in it", () => {
    expect(fillName("Signed in as {name}", "Олена")).toBe("Signed in as Олена");
    expect(fillName("Signed in as {name}", "$& $1 $$")).toBe("Signed in as $& $1 $$");
  });
});
