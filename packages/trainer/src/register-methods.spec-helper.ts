// Specs of this package register the built-in methods themselves: @equitable/preset, which does
// it for programs, depends on this package.
import { modelKinds, trainingMethods } from "@equitable/core";
import { builtinModelKinds } from "@equitable/model";
import { builtinMethods } from "./builtin-methods.js";

for (const method of builtinMethods) trainingMethods.register(method);
for (const kind of builtinModelKinds) modelKinds.register(kind);
