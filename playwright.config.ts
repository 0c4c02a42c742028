import { randomUUID } from "node:crypto";
import { defineConfig } from "@playwright/test";

// One database per run on the real server, created by e2e-prepare before `next start` and dropped
// by the global teardown. Set here once: workers inherit the runner's environment.
process.env.E2E_DB_NAME ??= `overlay_e2e_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const adminUrl = new URL(process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${process.env.E2E_DB_NAME}`;
process.env.E2E_DATABASE_URL = dbUrl.toString();

const PORT = Number(process.env.E2E_PORT ?? 3100);
const EMBEDDED_PORT = PORT + 1;
// A second instance on the same database: a publication on one must be served by the other.
const SECOND_PORT = PORT + 2;
process.env.E2E_SECOND_BASE_URL = `http://127.0.0.1:${SECOND_PORT}`;
/**
 * Specs that leave the moderation queue alone, in two lanes: the lab's own with the pages' accessibility scans
 * and the service worker's (which only read), and the other specs that drive the simulator in the browser.
 */
const LAB_SPECS = /\/(lab|a11y|offline)\.spec\.ts$/;
const SIM_SPECS = /\/(exercises|topology|quiz)\.spec\.ts$/;
const authSecret = `e2e-${process.env.E2E_DB_NAME}-secret-for-this-run-only`;
/**
 * Every browser of the suite comes from 127.0.0.1, so the per-address limits, set for the public, would stop
 * it: each server raises them (the per-account limits stay as they are).
 */
const SUITE_LIMITS = {
  SIGN_UPS_PER_HOUR: "1000",
  // 3 in 10 seconds by default: the suites' sign-ins, seconds apart, met it.
  SIGN_INS_PER_10_SECONDS: "1000",
  // The hourly window would otherwise stop the suites that come last.
  ANONYMOUS_SUGGESTIONS_PER_HOUR: "1000",
  // Every preview counts (the HTTP fuzz sends many): the suites that preview after it would meet the limit.
  PREVIEWS_PER_MINUTE: "100000",
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // Three lanes side by side, each one spec file at a time in file order: the suites that share the database's
  // suggestions and revisions ("web", the longest), the lab's with the scans ("lab"), and the exercises, topology
  // and quiz ("sim"). In two lanes the simulator's specs together took longer than "web".
  workers: 3,
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  globalTeardown: "./e2e/global-teardown.ts",
  // A test's own budget. On a 2-core microVM where fresh memory is slow to touch (page loads take 2–3 times as
  // long as on the machine the suites were written on) several took 28–33 s, so the 30 s default failed them.
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    // Recorded on a retry, not for every test: a trace screencasts and snapshots the page all along, and on these
    // 2 cores that was a third of the browser's work. A test that fails in CI is retried, with its trace.
    trace: "on-first-retry",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "web", testIgnore: [LAB_SPECS, SIM_SPECS, /embedded\.spec\.ts/], workers: 1 },
    { name: "lab", testMatch: LAB_SPECS, workers: 1 },
    { name: "sim", testMatch: SIM_SPECS, workers: 1 },
    { name: "embedded", testMatch: /embedded\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${EMBEDDED_PORT}` } },
  ],
  webServer: [
    {
      // Every instance is the self-contained server the Dockerfile ships (output: "standalone"): the suites
      // test the deployed artifact.
      command: `npx tsx scripts/e2e-prepare.ts && node scripts/standalone-assets.mjs && node .next/standalone/server.js`,
      url: `http://127.0.0.1:${PORT}/en`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        // A production server needs a real secret; this one lives only as long as the e2e database.
        BETTER_AUTH_SECRET: authSecret,
        BETTER_AUTH_URL: `http://127.0.0.1:${PORT}`,
        PORT: String(PORT),
        HOSTNAME: "127.0.0.1",
        ...SUITE_LIMITS,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      // Started after the first (Playwright starts web servers in order), so the database exists.
      command: `node .next/standalone/server.js`,
      url: `http://127.0.0.1:${SECOND_PORT}/en`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        BETTER_AUTH_SECRET: authSecret,
        BETTER_AUTH_URL: `http://127.0.0.1:${SECOND_PORT}`,
        PORT: String(SECOND_PORT),
        HOSTNAME: "127.0.0.1",
        ...SUITE_LIMITS,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      // The embedded default: no DATABASE_URL, PGlite in memory, migrated and seeded at first request.
      command: `node .next/standalone/server.js`,
      url: `http://127.0.0.1:${EMBEDDED_PORT}/en`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        DATABASE_URL: "",
        PGLITE_DIR: "memory",
        BETTER_AUTH_URL: `http://127.0.0.1:${EMBEDDED_PORT}`,
        PORT: String(EMBEDDED_PORT),
        HOSTNAME: "127.0.0.1",
        ...SUITE_LIMITS,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
