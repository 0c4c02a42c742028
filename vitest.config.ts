import { defineConfig } from "vitest/config";

// Two projects: the engine package (its own config) and the app (src/ + scripts/).
// e2e/ is Playwright's and is never matched here.
export default defineConfig({
  test: {
    projects: ["sim-core", "vitest.app.config.ts"],
    // Two files at a time, one per core of the machines CI runs on (vitest's default leaves one core idle).
    maxWorkers: 2,
  },
});
