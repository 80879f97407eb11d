import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["engine/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests spawn real git, opa and onnxruntime sessions; two cores are all CI has.
    pool: "forks",
    maxWorkers: 2,
  },
});
