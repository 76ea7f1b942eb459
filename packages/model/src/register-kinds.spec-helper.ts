// Specs of this package register the built-in kinds themselves: @equitable/preset, which does
// it for programs, depends on this package.
import { modelKinds } from "@equitable/core";
import { builtinModelKinds } from "./builtin-model-kinds.js";

for (const kind of builtinModelKinds) modelKinds.register(kind);
