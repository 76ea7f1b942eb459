export { linearShift, type LinearShiftParams } from "./linear-shift.js";
export { meritOrder, type MeritOrderParams } from "./merit-order.js";
export { fitMeritOrderSlope } from "./fit-merit-order.js";

export { builtinResponseModels } from "./builtin-response-models.js";
