import { linearKind } from "./linear-kind.js";

export { linearKind, createLinear, type LinearSpec } from "./linear-kind.js";

/** What the host registers when a scenario names this package in `plugins`. */
export const modelKinds = [linearKind];
