import { linearShift } from "./linear-shift.js";
import { meritOrder } from "./merit-order.js";

/** The built-in response models, in registration order (the docs' and error messages' order). */
export const builtinResponseModels = [meritOrder, linearShift] as const;
