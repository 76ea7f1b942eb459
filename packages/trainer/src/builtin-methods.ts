import { trainingMethods } from "@equitable/core";
import { plainMethod } from "./plain-method.js";
import { equitableMethod } from "./equitable-method.js";
import { cvarMethod } from "./cvar-method.js";
import { qfflMethod } from "./qffl-method.js";
import { irwMethod } from "./irw-method.js";
import { irwoMethod } from "./irwo-method.js";

// Importing the trainer registers its methods, as importing tfjs registers its kernels.
trainingMethods.register(plainMethod);
trainingMethods.register(equitableMethod);
trainingMethods.register(cvarMethod);
trainingMethods.register(qfflMethod);
trainingMethods.register(irwMethod);
trainingMethods.register(irwoMethod);
