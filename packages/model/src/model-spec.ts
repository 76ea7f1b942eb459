/** Serialisable description of a public model's architecture (what workers and save files carry). */
export type ModelSpec =
  | { kind: "lstm"; window: number; horizon: number; hidden: number }
  | { kind: "mlp"; window: number; horizon: number; hidden: number }
  | { kind: "transformer"; window: number; horizon: number; dModel: number; heads: number; ffHidden: number };
