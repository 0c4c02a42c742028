import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("runs on the embedded database when nothing is set", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e).toMatchObject({ PGLITE_DIR: ".data/pglite", DATABASE_POOL_MAX: 5 });
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("migrates on start unless told off (migrated at deploy), and refuses anything else", () => {
    expect(parseEnv({}).MIGRATE_ON_START).toBe("on");
    expect(parseEnv({ MIGRATE_ON_START: "off" }).MIGRATE_ON_START).toBe("off");
    expect(() => parseEnv({ MIGRATE_ON_START: "no" })).toThrow(/MIGRATE_ON_START/);
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

  it("takes an SMTP server as a URL, and asks for the sender with it", () => {
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    const e = parseEnv({ SMTP_URL: "smtps://u:p@mail.example:465", MAIL_FROM: "Overlay Lab <no-reply@overlay.example>" });
    expect(e).toMatchObject({ SMTP_URL: "smtps://u:p@mail.example:465", MAIL_FROM: "Overlay Lab <no-reply@overlay.example>" });
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example:587" })).toThrowError(/MAIL_FROM: is required with SMTP_URL/);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example", MAIL_FROM: "a@b.c" })).toThrowError(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ SMTP_URL: "smtp://m.example", MAIL_FROM: "a@b.c\r\nBcc: x@y.z" })).toThrowError(/MAIL_FROM: must be an address/);
  });
});

describe("startupProblem", () => {
  it("says in one line why a production server without a secret must not start", async () => {
    const { startupProblem } = await import("./env");
    expect(startupProblem({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db" })).toBe(
      "Refusing to start: BETTER_AUTH_SECRET is required in production (at least 32 characters; try: openssl rand -base64 32).",
    );
    expect(startupProblem({ NODE_ENV: "production", BETTER_AUTH_SECRET: "s".repeat(32) })).toBeNull();
    expect(startupProblem({ NODE_ENV: "development" })).toBeNull();
  });

  it("reads the proxy settings for client addresses", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toBe(1);
    expect(parseEnv({}).CLIENT_IP_HEADER).toBeUndefined();
    expect(parseEnv({ TRUSTED_PROXIES: "2", CLIENT_IP_HEADER: "CF-Connecting-IP" })).toMatchObject({
      TRUSTED_PROXIES: 2,
      CLIENT_IP_HEADER: "cf-connecting-ip",
    });
    expect(() => parseEnv({ TRUSTED_PROXIES: "0" })).toThrowError(/TRUSTED_PROXIES/);
  });

  it("reads how many accounts one address may create per hour", () => {
    expect(parseEnv({}).SIGN_UPS_PER_HOUR).toBe(5);
    expect(parseEnv({ SIGN_UPS_PER_HOUR: "200" }).SIGN_UPS_PER_HOUR).toBe(200);
    expect(() => parseEnv({ SIGN_UPS_PER_HOUR: "0" })).toThrowError(/SIGN_UPS_PER_HOUR/);
  });

  it("reads how many sign-in attempts one address may make in 10 seconds", () => {
    expect(parseEnv({}).SIGN_INS_PER_10_SECONDS).toBe(3);
    expect(parseEnv({ SIGN_INS_PER_10_SECONDS: "1000" }).SIGN_INS_PER_10_SECONDS).toBe(1000);
    expect(() => parseEnv({ SIGN_INS_PER_10_SECONDS: "0" })).toThrowError(/SIGN_INS_PER_10_SECONDS/);
  });
});
