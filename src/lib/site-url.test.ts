import { describe, expect, it } from "vitest";
import { absoluteUrl, publicOrigin } from "./site-url";

describe("the public URL", () => {
  it("is PUBLIC_URL, else BETTER_AUTH_URL, else the local server", () => {
    expect(publicOrigin({ PUBLIC_URL: "https://overlay.example/", BETTER_AUTH_URL: "https://auth.example", PORT: 3000 })).toBe("https://overlay.example");
    expect(publicOrigin({ PUBLIC_URL: undefined, BETTER_AUTH_URL: "https://auth.example", PORT: 3000 })).toBe("https://auth.example");
    expect(publicOrigin({ PUBLIC_URL: undefined, BETTER_AUTH_URL: undefined, PORT: 4000 })).toBe("http://localhost:4000");
  });
  it("makes absolute addresses", () => {
    expect(absoluteUrl("/uk/q/a", "https://overlay.example")).toBe("https://overlay.example/uk/q/a");
  });
});
