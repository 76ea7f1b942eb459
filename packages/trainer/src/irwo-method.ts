import { z } from "zod";
import type { GradientScope, TrainingMethod, TrainingObjective, WeightingScheme } from "@equitable/core";
import { cvarValue } from "./cvar.js";
import { irwWeights } from "./irw-weights.js";
import { gradientOutliers } from "./gradient-outliers.js";
import { betaParam } from "./alpha-param.js";
import { parseMethodOptions } from "./method-options.js";
import { irwFields, irwLabel } from "./irw-method.js";

/** An IRWO job's objective: IRW's fields (see IrwObjective) and DBSCAN's. */
export interface IrwoObjective extends TrainingObjective {
  readonly method: "irwo";
  readonly alpha: number;
  readonly scheme: WeightingScheme;
  readonly gradients: GradientScope;
  readonly beta: number;
  /** DBSCAN's ε: on the unit sphere for "cosine" distances, in units of the block's RMS per-sample gradient norm for "euclidean". */
  readonly eps: number;
  /** DBSCAN's minPts (the sample itself included). */
  readonly minPts: number;
  /** Rows clustered together (the paper: one mini-batch). */
  readonly clusterRows: number;
  /**
   * DBSCAN's distance: "cosine" (default; directions only) or "euclidean" (the paper's). With one
   * shared forecast a sample's last-layer gradient is its regret slope times the tick's features,
   * so euclidean distance makes the agents with the steepest slopes — the worst off — the
   * outliers (docs/fairness-without-labels.md).
   */
  readonly distance: "euclidean" | "cosine";
}

const dbscanFields = {
  eps: z.number().positive({ message: "eps must be > 0" }),
  minPts: z.number().int().min(1),
  clusterRows: z.number().int().min(1),
  distance: z.enum(["euclidean", "cosine"]),
};
const params = z.object({
  method: z.literal("irwo"),
  alpha: irwFields.alpha.default(0.2),
  scheme: irwFields.scheme.default("local"),
  gradients: irwFields.gradients.default("last-layer"),
  eps: dbscanFields.eps.default(0.5),
  minPts: dbscanFields.minPts.default(5),
  clusterRows: dbscanFields.clusterRows.default(128),
  distance: dbscanFields.distance.default("cosine"),
  beta: betaParam.default(0),
}).strict();
const options = z.object({
  alpha: irwFields.alpha.optional(),
  scheme: irwFields.scheme.optional(),
  gradients: irwFields.gradients.optional(),
  eps: dbscanFields.eps.optional(),
  minPts: dbscanFields.minPts.optional(),
  clusterRows: dbscanFields.clusterRows.optional(),
  distance: dbscanFields.distance.optional(),
}).strict();

/**
 * IRWO (arXiv 2411.03068 Sec. 5): IRW after dropping the samples DBSCAN labels outliers in
 * per-sample gradient space, so a few samples with huge, lone gradients neither enter g_w nor
 * take weight.
 */
export const irwoMethod: TrainingMethod<IrwoObjective> = {
  name: "irwo",
  label: "IRWO",
  description: "IRW after dropping outliers DBSCAN finds on pairwise per-sample gradient distances; `methodOptions.irwo`: IRW's options and `eps` (default 0.5), `minPts` (5), `clusterRows` (128), `distance` (\"cosine\", the default: directions only, ε absolute; or \"euclidean\", the paper's, ε × the RMS gradient norm); chain rule only",
  params: params as unknown as z.ZodType<IrwoObjective>,
  usesRegrets: true,
  routes: ["chain-rule"],
  jobs: ({ alpha, beta, options: raw }) => {
    const o = parseMethodOptions("irwo", options, raw);
    const objective: IrwoObjective = {
      method: "irwo",
      alpha: o.alpha ?? alpha,
      scheme: o.scheme ?? "local",
      gradients: o.gradients ?? "last-layer",
      eps: o.eps ?? 0.5,
      minPts: o.minPts ?? 5,
      clusterRows: o.clusterRows ?? 128,
      distance: o.distance ?? "cosine",
      beta,
    };
    // The distance is in the label when it is not the default: two IRWO rows of a sweep stay apart.
    return [{ objective, label: `${irwLabel("irwo", objective)}${objective.distance === "euclidean" ? "-euclidean" : ""}` }];
  },
  mseWeight: (o) => o.beta,
  perSample: {
    value: (regrets, _rows, _agents, o) => cvarValue(regrets, o.alpha),
    weights: (regrets, _rows, _agents, o, gradients) => {
      if (!gradients) throw new TypeError("irwo: weights need per-sample gradients");
      return irwWeights(regrets, o.alpha, gradients, gradientOutliers(gradients, o));
    },
    gradients: (o) => o.gradients,
    scheme: (o) => o.scheme,
  },
  summary: (o) => ({ q: null, qPlusOne: null, beta: o.beta }),
};
