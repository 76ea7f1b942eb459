import { z } from "zod";
import { InputError, type ResponseModel } from "@equitable/core";
import { loadTotalGeneration } from "@equitable/data";
import { fitMeritOrderSlope } from "./fit-merit-order.js";

const fields = z.object({
  slope: z.number().finite().optional()
    .describe("signal units per MWh of added system load at the mean load; default: fitted from data.carbon's total generation (hour-of-day demeaned least squares)"),
  shape: z.number().finite().min(1).default(1)
    .describe("exponent p of the merit-order curve: the slope at hour t is slope·(G_t/Ḡ)^(p−1), G_t that hour's total generation (1: linear)"),
  loadScale: z.number().finite().positive().default(1)
    .describe("MWh of system load per unit of the agents' aggregate load (e.g. 1000 when a 50-charger fleet in kWh stands for 50 000 cars)"),
}).strict();

/** merit-order's fields, validated. */
export type MeritOrderParams = z.infer<typeof fields>;

/**
 * The signal at hour t rises along the merit order with the agents' flexible load there:
 * y_t = y₀_t + slope·Ḡ/p·[((G_t + s·L_t)/Ḡ)^p − (G_t/Ḡ)^p], G_t the hour's total generation
 * (EIA fuel mix), Ḡ its mean, s = loadScale, L_t the agents' aggregate load; p = 1 gives
 * y₀ + slope·s·L. Fitted from the same file as the signal when `slope` is not given.
 */
export const meritOrder: ResponseModel<MeritOrderParams> = {
  name: "merit-order",
  description: "y_t = y₀_t + Δ along the merit order: the agents' load at hour t raises the signal by the slope fitted (or given) against total generation",
  fields,
  build({ slope, shape, loadScale }, ctx) {
    const hours = ctx.baseline.length;
    let generation: Float64Array;
    if (ctx.source === "real") {
      const loaded = loadTotalGeneration(ctx.dataFile("carbon"));
      if (loaded.values.length < hours) throw new InputError("data.carbon", `has ${loaded.values.length} hours of generation, the signal ${hours}`);
      generation = loaded.values.subarray(0, hours);
    } else {
      // No generation without the file: a flat system, so the shape has nothing to bend.
      if (slope === undefined) throw new InputError("feedback.slope", "merit-order needs a slope when data.source is 'synthetic' (it is fitted from data.carbon's fuel mix otherwise)");
      generation = new Float64Array(hours).fill(1);
    }
    const b = slope ?? fitMeritOrderSlope(ctx.baseline, generation);
    if (!Number.isFinite(b)) throw new InputError("feedback.slope", "could not be fitted: total generation does not vary within any hour of day");
    let mean = 0;
    for (let t = 0; t < hours; t++) mean += generation[t] / hours;
    const p = shape;
    return {
      reference: 0,
      blame: "slope",
      realise(hour, baseline, load) {
        const g = generation[Math.min(Math.max(hour, 0), hours - 1)] / mean;
        const added = (loadScale * load) / mean;
        // System load cannot fall below zero: shed load beyond the hour's generation moves nothing more.
        return p === 1 ? baseline + b * loadScale * load : baseline + ((b * mean) / p) * (Math.max(0, g + added) ** p - g ** p);
      },
    };
  },
};
