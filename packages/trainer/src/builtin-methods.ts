import type { TrainingMethod } from "@equitable/core";
import { plainMethod } from "./plain-method.js";
import { equitableMethod } from "./equitable-method.js";
import { cvarMethod } from "./cvar-method.js";
import { qfflMethod } from "./qffl-method.js";
import { irwMethod } from "./irw-method.js";
import { irwoMethod } from "./irwo-method.js";

/** The trainer's methods, in the order `@equitable/preset` registers them (the order `--help` lists them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const builtinMethods: readonly TrainingMethod<any>[] = [plainMethod, equitableMethod, cvarMethod, qfflMethod, irwMethod, irwoMethod];
