import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "sim-core",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // The engine keeps no state between labs (every test makes its own from a seed) and mocks no module, so its
    // files share a worker's module graph: importing sim-core afresh for each of ~70 files was two thirds of
    // this project's time (36 s isolated, 13 s shared, on 2 cores).
    isolate: false,
  },
});
