import { z } from "zod";
import type { ModelKind } from "@equitable/core";
import type { LstmSpec, MlpSpec, TransformerSpec } from "./model-spec.js";
import { createLstm } from "./lstm.js";
import { createMlp } from "./mlp.js";
import { createTransformer } from "./transformer.js";

const F32 = 4;
const positiveInt = z.number().int().positive();

// The built-in kinds accept each other's sizes, so that a scenario switches architecture by
// `kind` alone and every scenario saved before model kinds were a registry still validates.
const sizeFields = z.object({
  hidden: positiveInt.default(50).describe("LSTM / MLP width"),
  dModel: positiveInt.default(250).describe("Transformer model width d (the paper: 250)"),
  heads: positiveInt.default(10).describe("Transformer attention heads; must divide dModel (the paper: 10)"),
  ffHidden: positiveInt.default(250).describe("Transformer feed-forward width (the paper: 250)"),
});

const isPositiveInteger = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;

/** The first of `keys` that is not a positive integer, as a problem; a saved spec may have been edited. */
function sizesProblem(spec: Readonly<Record<string, unknown>>, keys: readonly string[]): string | undefined {
  const bad = keys.find((key) => !isPositiveInteger(spec[key]));
  return bad === undefined ? undefined : `${bad} must be a positive integer`;
}

/** The paper's public model for data centres (A.3.1): LSTM(hidden) + softplus head. */
export const lstmKind: ModelKind<LstmSpec> = {
  kind: "lstm",
  description: "one LSTM layer over the window, then a softplus head (the paper's data-centre model, A.3.1)",
  fields: sizeFields,
  spec: (m, { window, horizon }) => ({ kind: "lstm", window, horizon, hidden: m.hidden as number }),
  specProblem: (spec) => sizesProblem(spec, ["window", "horizon", "hidden"]),
  create: (spec, rng) => createLstm({ ...spec, rng }),
  memory: {
    bytes: ({ window: w, horizon: o, hidden: h }, batch) => ((4 * h * (h + 2) + h * o + o) * 6 + batch * w * 4 * h * 3) * F32,
    typical: { hidden: 50 },
  },
};

/** A one-hidden-layer MLP (ReLU, softplus head): a cheap baseline to the LSTM. */
export const mlpKind: ModelKind<MlpSpec> = {
  kind: "mlp",
  description: "one hidden ReLU layer, then a softplus head (a cheap baseline)",
  fields: sizeFields,
  spec: (m, { window, horizon }) => ({ kind: "mlp", window, horizon, hidden: m.hidden as number }),
  specProblem: (spec) => sizesProblem(spec, ["window", "horizon", "hidden"]),
  create: (spec, rng) => createMlp({ ...spec, rng }),
  memory: {
    bytes: ({ window: w, horizon: o, hidden: h }, batch) => ((w * h + h + h * o + o) * 6 + batch * h * 4) * F32,
    typical: { hidden: 50 },
  },
};

/** The paper's public model for the EV study: one post-LN encoder layer + linear head. */
export const transformerKind: ModelKind<TransformerSpec> = {
  kind: "transformer",
  description: "one post-LN Transformer encoder layer over the window's values as tokens, then a linear head (the paper's EV model)",
  fields: sizeFields,
  refine(m, issue) {
    if ((m.dModel as number) % (m.heads as number) !== 0) issue("heads", `dModel ${m.dModel} is not divisible by ${m.heads} heads`);
  },
  spec: (m, { window, horizon }) => ({
    kind: "transformer", window, horizon, dModel: m.dModel as number, heads: m.heads as number, ffHidden: m.ffHidden as number,
  }),
  specProblem(spec) {
    const sizes = sizesProblem(spec, ["window", "horizon", "dModel", "heads", "ffHidden"]);
    if (sizes) return sizes;
    return (spec.dModel as number) % (spec.heads as number) !== 0 ? `dModel (${spec.dModel}) must be divisible by heads (${spec.heads})` : undefined;
  },
  create: (spec, rng) => createTransformer({ ...spec, rng }),
  memory: {
    bytes({ window: w, horizon: o, dModel: d, heads, ffHidden: ff }, batch) {
      const params = 4 * d * d + 2 * d * ff + w * d * o + 12 * d + ff;
      const activations = batch * w * (8 * d + 2 * ff) * 3 + batch * heads * w * w * 3;
      return (params * 6 + activations) * F32;
    },
    typical: { dModel: 250, heads: 10, ffHidden: 250 },
  },
};

/** The built-in model kinds, in the order `@equitable/preset` registers them. */
export const builtinModelKinds: readonly ModelKind<LstmSpec | MlpSpec | TransformerSpec>[] = [lstmKind, mlpKind, transformerKind];
