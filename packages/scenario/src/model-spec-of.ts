import { modelKinds, type ModelSpec } from "@equitable/core";
import type { Scenario } from "./schema.js";

/** The public model's serialisable spec as the scenario describes it, made by its model kind. */
export function modelSpecOf(scenario: Scenario): ModelSpec {
  const { kind, ...fields } = scenario.model;
  return modelKinds.require(kind, "model.kind").spec(fields, { window: scenario.window, horizon: scenario.horizon });
}
