export type { ModelSpec } from "@equitable/core";

/** The spec of an LSTM public model (`createLstm`). */
export type LstmSpec = {
  kind: "lstm";
  window: number;
  horizon: number;
  hidden: number;
};

/** The spec of an MLP public model (`createMlp`). */
export type MlpSpec = {
  kind: "mlp";
  window: number;
  horizon: number;
  hidden: number;
};

/** The spec of a Transformer public model (`createTransformer`). */
export type TransformerSpec = {
  kind: "transformer";
  window: number;
  horizon: number;
  dModel: number;
  heads: number;
  ffHidden: number;
};

/** The specs of the built-in kinds, for code that narrows on `kind`. */
export type BuiltinModelSpec = LstmSpec | MlpSpec | TransformerSpec;
