import type { Random } from "@equitable/core";
import type { ModelSpec } from "./model-spec.js";
import type { TrainableModel } from "./trainable-model.js";
import { createLstm } from "./lstm.js";
import { createMlp } from "./mlp.js";
import { createTransformer } from "./transformer.js";

/** Builds a freshly initialised model from its serialisable spec. */
export function createModel(spec: ModelSpec, rng: Random): TrainableModel {
  switch (spec.kind) {
    case "lstm":
      return createLstm({ ...spec, rng });
    case "mlp":
      return createMlp({ ...spec, rng });
    case "transformer":
      return createTransformer({ ...spec, rng });
  }
}
