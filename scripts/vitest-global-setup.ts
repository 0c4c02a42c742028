/**
 * vitest's global setup for the app's tests: a directory for this run only, where the test databases keep
 * their PGlite dumps (src/server/db/testing.ts), removed when the run ends.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "overlay-pglite-dumps-"));
  process.env.PGLITE_TEST_DUMPS = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
