import fc from "fast-check";
import type { AgentKindCheck } from "@equitable/core";
import type { StorageGroup } from "./storage-kind.js";

/** What `equitable check` draws for storage operators: groups of 1–6, α inside the group's range. */
export const storageCheck: AgentKindCheck<StorageGroup> = {
  group: fc.record({
    type: fc.constant("storage" as const),
    count: fc.integer({ min: 1, max: 6 }),
    kappaMin: fc.double({ min: 0.5, max: 2, noNaN: true }),
    kappaMax: fc.double({ min: 2, max: 10, noNaN: true }),
    alphaMin: fc.constant(0.1),
    alphaMax: fc.constant(1),
  }),
  xi: (population, group) =>
    fc.float64Array({ minLength: population.ids.length, maxLength: population.ids.length, min: group.alphaMin, max: group.alphaMax, noNaN: true }),
};
