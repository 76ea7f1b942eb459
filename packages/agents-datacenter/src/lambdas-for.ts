import { InputError } from "@equitable/core";
import { checkLambda } from "./domain-rule.js";

/** The Eq. 12 λ settings of the paper's Table 1: "same" λ for every agent, or "different" λ_j = 2j. */
export type LambdaSetting = "same" | "different";

/** Eq. 12 latency weights λ_j: "same" → all sameValue (default 2); "different" → 2, 4, …, 2M (M = 50: 2..100). */
export function lambdasFor(setting: LambdaSetting, agents: number, sameValue = 2): Float64Array {
  if (!Number.isInteger(agents) || agents < 1) {
    throw new InputError("agents", `must be an integer ≥ 1, got ${agents}`);
  }
  const out = new Float64Array(agents);
  if (setting === "same") {
    checkLambda(sameValue);
    out.fill(sameValue);
  } else if (setting === "different") {
    for (let j = 0; j < agents; j++) out[j] = 2 * (j + 1);
  } else {
    throw new InputError("lambda", `unknown setting "${String(setting)}"; expected "same" or "different"`);
  }
  return out;
}
