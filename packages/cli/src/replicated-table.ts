import { meanCi95 } from "@equitable/core";
import type { ResultRow } from "@equitable/experiment";
import { alignColumns } from "@equitable/experiment";

/** The metrics a replicated table reports, as summary rows name them, with their column headers. */
const METRICS: [keyof ResultRow, string][] = [
  ["variance", "variance"], ["mean", "mean"], ["c95MinusC5", "C95-C5"], ["mse", "MSE"], ["hNorm", "H_norm"], ["worst", "worst"], ["worstAlpha", "worst-a"],
];

/** One model of a replicated run: its rows over the seeds. */
export interface ReplicatedModel {
  readonly label: string;
  readonly rows: readonly ResultRow[];
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return "-";
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  return v.toFixed(4);
}

/**
 * A Table-1 style table over seeds: per model, each metric's mean ± the 95 % confidence
 * half-width across the seeds (Student t), and the number of seeds.
 */
export function formatReplicatedTable(models: readonly ReplicatedModel[]): string {
  const header = ["method", "q+1", "beta", "seeds", ...METRICS.map(([, h]) => h), "epochs"];
  const body = models.map(({ rows }) => {
    const first = rows[0];
    return [
      first.methodLabel,
      first.qPlusOne === null ? "-" : String(first.qPlusOne),
      first.beta === null ? "-" : String(first.beta),
      String(rows.length),
      ...METRICS.map(([key]) => {
        const ci = meanCi95(rows.map((r) => r[key] as number));
        return Number.isNaN(ci.halfWidth) ? fmt(ci.mean) : `${fmt(ci.mean)} ± ${fmt(ci.halfWidth)}`;
      }),
      String(first.epochs),
    ];
  });
  return alignColumns(header, body);
}
