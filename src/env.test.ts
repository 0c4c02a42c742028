import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("runs on the embedded database when nothing is set", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e).toMatchObject({ PGLITE_DIR: ".data/pglite", DATABASE_POOL_MAX: 5 });
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@h/db" }).DATABASE_URL).toBe("postgres://u@h/db");
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h/db" }).DATABASE_URL).toBe("postgresql://u@h/db");
  });

  it("names each bad variable in one clear message", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", DATABASE_POOL_MAX: "0" })).toThrowError(
      /Invalid environment variables:\n  DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL\n  DATABASE_POOL_MAX: /,
    );
  });
});
