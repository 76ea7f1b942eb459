import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Shared vitest config: resolve workspace packages to their TypeScript sources. */
export default defineConfig({
  resolve: { conditions: ["@equitable/source"] },
  ssr: { resolve: { conditions: ["@equitable/source"] } },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ["src/**/*.spec.ts"],
    // Absolute: each package's config re-exports this one, and relative paths resolve from the package.
    globalSetup: [fileURLToPath(new URL("./test-support/shared-data-setup.ts", import.meta.url))],
  },
});
