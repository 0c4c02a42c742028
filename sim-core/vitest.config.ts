import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "sim-core",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
  },
});
