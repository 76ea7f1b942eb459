import { trainingMethods } from "@equitable/core";
import { plainMethod } from "./plain-method.js";
import { equitableMethod } from "./equitable-method.js";

// Importing the trainer registers its methods, as importing tfjs registers its kernels.
trainingMethods.register(plainMethod);
trainingMethods.register(equitableMethod);

/** The methods the trainer ships, in the order `run` trains them. */
export const BUILTIN_METHODS = [plainMethod, equitableMethod] as const;
