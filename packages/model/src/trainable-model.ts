// The contract lives in core, beside ModelKind, so a plug-in model kind depends on core alone.
export type { TrainableModel, ModelHead } from "@equitable/core";
