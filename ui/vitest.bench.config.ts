import { defineConfig } from "vitest/config";

// The desktop benchmarks (scripts/bench-desktop): the release build in a real window.
export default defineConfig({
  test: {
    include: ["e2e/**/*.bench.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    environment: "node",
  },
});
