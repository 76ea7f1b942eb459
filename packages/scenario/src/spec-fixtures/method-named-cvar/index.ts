// A plugin that registers its own copy of a method under a built-in's name ("cvar"): refused, with a name to use instead.
import type { TrainingMethod } from "@equitable/core";
import { cvarMethod } from "@equitable/trainer";

/** Another object under the built-in CVaR's own `name`. */
export const trainingMethods: TrainingMethod[] = [{ ...cvarMethod } as unknown as TrainingMethod];
