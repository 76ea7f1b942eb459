import type { ModelSpec } from "@equitable/model";
import type { Scenario } from "./schema.js";

/** The public model's serialisable spec as the scenario describes it. */
export function modelSpecOf(scenario: Scenario): ModelSpec {
  const { window, horizon } = scenario;
  const m = scenario.model;
  if (m.kind === "transformer") return { kind: "transformer", window, horizon, dModel: m.dModel, heads: m.heads, ffHidden: m.ffHidden };
  return { kind: m.kind, window, horizon, hidden: m.hidden };
}
