/**
 * The README's command-line tools run as documented: `npm run user:create` and `npm run db:migrate` load the
 * app's server modules (which import "server-only") outside Next, on the embedded database.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "overlay-commands-"));
const env = { ...process.env, DATABASE_URL: "", PGLITE_DIR: path.join(dir, "db"), NODE_OPTIONS: "" };

describe("command-line tools", () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("npm run db:migrate migrates and seeds, then npm run user:create makes a moderator", async () => {
    const migrate = await run("npm", ["run", "--silent", "db:migrate"], { env });
    expect(migrate.stdout).toMatch(/Migrations applied \(pglite\)\. Seed content inserted\./);
    const created = await run("npm", ["run", "--silent", "user:create", "--", "--email", "ada@example.com", "--password", "correct horse battery staple", "--role", "moderator"], { env });
    expect(created.stdout).toMatch(/Created ada@example\.com with role moderator/);
  }, 120_000);

  it("user:create says how to use it when an argument is missing", async () => {
    // A new account needs a password (an existing one may only change its role).
    const failed = await run("npm", ["run", "--silent", "user:create", "--", "--email", "grace@example.com"], { env }).then(
      () => ({ code: 0, stdout: "", stderr: "" }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect((failed as { code: number }).code).not.toBe(0);
    expect(`${(failed as { stderr: string }).stderr}${(failed as { stdout: string }).stdout}`).toMatch(/user:create: .*password/i);
  }, 60_000);
});
