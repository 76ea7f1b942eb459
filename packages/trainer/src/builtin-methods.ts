import { trainingMethods } from "@equitable/core";
import { plainMethod } from "./plain-method.js";
import { equitableMethod } from "./equitable-method.js";

// Importing the trainer registers its methods, as importing tfjs registers its kernels.
trainingMethods.register(plainMethod);
trainingMethods.register(equitableMethod);


