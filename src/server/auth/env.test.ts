import { describe, expect, it } from "vitest";
import { DEV_AUTH_SECRET, parseEnv } from "@/env";

describe("auth environment", () => {
  it("uses a development secret outside production", () => {
    expect(parseEnv({}).BETTER_AUTH_SECRET).toBe(DEV_AUTH_SECRET);
    expect(parseEnv({ NODE_ENV: "test" }).BETTER_AUTH_TRUSTED_ORIGINS).toEqual([]);
  });

  it("requires a real secret in production, except on a throw-away in-memory database", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(
      /BETTER_AUTH_SECRET: is required in production \(at least 32 characters; try: openssl rand -base64 32\)/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db" })).toThrowError(/BETTER_AUTH_SECRET/);
    expect(parseEnv({ NODE_ENV: "production", PGLITE_DIR: "memory" }).BETTER_AUTH_SECRET).toBe(DEV_AUTH_SECRET);
    const secret = "s".repeat(32);
    expect(parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret }).BETTER_AUTH_SECRET).toBe(secret);
  });

  it("rejects a short secret and a malformed URL; splits trusted origins", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short" })).toThrowError(/BETTER_AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ BETTER_AUTH_URL: "not a url" })).toThrowError(/BETTER_AUTH_URL: must be a URL/);
    expect(parseEnv({ BETTER_AUTH_TRUSTED_ORIGINS: " https://a.example, https://b.example ,," }).BETTER_AUTH_TRUSTED_ORIGINS).toEqual([
      "https://a.example",
      "https://b.example",
    ]);
  });

  it("takes per-address limits from the environment, within bounds", () => {
    expect(parseEnv({}).ANONYMOUS_SUGGESTIONS_PER_HOUR).toBe(10);
    expect(parseEnv({ ANONYMOUS_SUGGESTIONS_PER_HOUR: "40" }).ANONYMOUS_SUGGESTIONS_PER_HOUR).toBe(40);
    expect(() => parseEnv({ ANONYMOUS_SUGGESTIONS_PER_HOUR: "0" })).toThrowError(/ANONYMOUS_SUGGESTIONS_PER_HOUR/);
    expect(() => parseEnv({ ANONYMOUS_SUGGESTIONS_PER_HOUR: "lots" })).toThrowError(/ANONYMOUS_SUGGESTIONS_PER_HOUR/);
    expect(parseEnv({}).PREVIEWS_PER_MINUTE).toBe(60);
    expect(parseEnv({ PREVIEWS_PER_MINUTE: "600" }).PREVIEWS_PER_MINUTE).toBe(600);
    expect(() => parseEnv({ PREVIEWS_PER_MINUTE: "0" })).toThrowError(/PREVIEWS_PER_MINUTE/);
  });
});
