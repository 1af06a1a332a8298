import { defineConfig } from "vitest/config";

// End-to-end tests drive the real app through tauri-driver: one window, so one file at a time.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    environment: "node",
  },
});
