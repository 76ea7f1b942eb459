import { procurementKind } from "./procurement-kind.js";

export { ProcurementPopulation, type ProcurementPopulationOptions } from "./procurement-population.js";
export { criticalRatiosFor, type RatioSpacing } from "./critical-ratios.js";
export { loadShares } from "./load-shares.js";
export { procurementKind, type ProcurementGroup } from "./procurement-kind.js";

/** The kinds this package registers (what loading it as a plugin, or `equitable check`, finds). */
export const agentKinds = [procurementKind];
export { procurementLive } from "./procurement-live.js";
