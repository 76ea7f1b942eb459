import { registerBuiltins } from "./register-builtins.js";

export { registerBuiltins, builtinAgentKinds } from "./register-builtins.js";

// Importing the preset registers the built-ins, so a program's `import "@equitable/preset"` suffices.
registerBuiltins();
