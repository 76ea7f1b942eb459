import { modelKinds, type ModelSpec, type Random } from "@equitable/core";
import type { TrainableModel } from "./trainable-model.js";

/** Builds a freshly initialised model from its serialisable spec, by its kind's registered `create`. */
export function createModel(spec: ModelSpec, rng: Random): TrainableModel {
  return modelKinds.require(spec.kind, "spec.kind").create(spec, rng);
}
