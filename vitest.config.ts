import { defineConfig } from "vitest/config";

// Two projects: the engine package (its own config) and the app (src/ + scripts/).
// e2e/ is Playwright's and is never matched here.
export default defineConfig({
  test: {
    projects: ["sim-core", "vitest.app.config.ts"],
  },
});
