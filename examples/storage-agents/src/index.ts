import { storageKind } from "./storage-kind.js";

export { StorageOperators } from "./storage-population.js";
export { storageKind, kappasOf, type StorageGroup } from "./storage-kind.js";

/** What the host registers when a scenario names this package in `plugins`. */
export const agentKinds = [storageKind];
