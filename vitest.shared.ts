import { defineConfig } from "vitest/config";

/** Shared vitest config: resolve workspace packages to their TypeScript sources. */
export default defineConfig({
  resolve: { conditions: ["@equitable/source"] },
  ssr: { resolve: { conditions: ["@equitable/source"] } },
  test: { testTimeout: 120_000, hookTimeout: 120_000, include: ["src/**/*.spec.ts"] },
});
