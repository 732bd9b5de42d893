import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React's server condition; tests are server code by definition.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    env: { LOG_LEVEL: "silent" },
    setupFiles: ["./test/setup-env.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // ONNX sessions and PGlite instances are heavy: two workers match the two cores of CI.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: ["**/*.eval.test.ts", "**/node_modules/**", "e2e/**", ".next*/**"] },
      },
      {
        extends: true,
        // Tests on the public evaluation data in ../shared/eval (EVAL_DATA_DIR); skipped by name without it.
        test: { name: "eval-data", include: ["**/*.eval.test.ts"], exclude: ["**/node_modules/**", ".next*/**"] },
      },
    ],
  },
});
