import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// Every spec sees the built-ins registered, as a program does after importing @equitable/preset.
export default mergeConfig(shared, { test: { setupFiles: ["./src/register-builtins.spec-helper.ts"] } });
