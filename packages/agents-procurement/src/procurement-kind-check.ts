import fc from "fast-check";
import type { AgentKindCheck } from "@equitable/core";
import type { ProcurementGroup } from "./procurement-kind.js";

/** What `equitable check` draws for procurement desks: 1–6 desks, ratios in [0.1, 10], shares in [0.1, 3]. */
export const procurementCheck: AgentKindCheck<ProcurementGroup> = {
  group: fc.record({
    type: fc.constant("procurement" as const),
    count: fc.integer({ min: 1, max: 6 }),
    ratioMin: fc.double({ min: 0.1, max: 1, noNaN: true }),
    ratioMax: fc.double({ min: 1, max: 10, noNaN: true }),
    spacing: fc.constantFrom("linear" as const, "geometric" as const),
    price: fc.double({ min: 0.5, max: 4, noNaN: true }),
    prices: fc.constantFrom("surplus-fixed" as const, "sum-fixed" as const),
  }),
  xi: (population) => fc.float64Array({ minLength: population.ids.length, maxLength: population.ids.length, min: 0.1, max: 3, noNaN: true }),
};
