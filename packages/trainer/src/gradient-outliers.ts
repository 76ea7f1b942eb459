import type { SampleGradients } from "@equitable/core";
import { dbscanByRegion, NOISE } from "./dbscan.js";

/** DBSCAN settings of IRWO's outlier removal. */
export interface OutlierOptions {
  /** ε in units of the block's root-mean-square per-sample gradient norm. */
  readonly eps: number;
  /** Neighbours (itself included) that make a sample a core point. */
  readonly minPts: number;
  /** Rows clustered together; the paper clusters within a mini-batch. */
  readonly clusterRows: number;
  /**
   * "euclidean": ‖g_a − g_b‖ (the paper's pairwise distance); "cosine": ‖g_a/‖g_a‖ − g_b/‖g_b‖‖,
   * which compares directions only, so a sample is not an outlier for being large (ε then absolute, in [0, 2]).
   */
  readonly distance?: "euclidean" | "cosine";
}

/**
 * IRWO's outlier test (arXiv 2411.03068 Sec. 5): DBSCAN on the pairwise distances
 * ‖g_a − g_b‖² = ⟨g_a,g_a⟩ + ⟨g_b,g_b⟩ − 2⟨g_a,g_b⟩ of per-sample gradients, block by block of
 * `clusterRows` rows; 1 marks a sample kept, 0 an outlier. ε is relative to the block's RMS
 * gradient norm because gradients shrink as training converges and differ by scenario: an
 * absolute ε would need retuning per step. A block whose gradients are all zero keeps everything.
 */
export function gradientOutliers(gradients: SampleGradients, options: OutlierOptions): Uint8Array {
  const keep = new Uint8Array(gradients.count).fill(1);
  const m = gradients.agents;
  for (let first = 0; first < gradients.rows; first += options.clusterRows) {
    const block = gradients.slice(first, Math.min(options.clusterRows, gradients.rows - first));
    const n = block.count;
    const norms = new Float64Array(n);
    let sum = 0;
    for (let a = 0; a < n; a++) {
      norms[a] = block.dot(a, a);
      sum += norms[a];
    }
    if (!(sum > 0)) continue;
    const cosine = options.distance === "cosine";
    // 1/‖g‖ once per sample, not a square root per pair.
    const inv = cosine ? norms.map((x) => (x > 0 ? 1 / Math.sqrt(x) : 0)) : undefined;
    const radius2 = options.eps * options.eps * (cosine ? 1 : sum / n);
    const distances = new Float64Array(n);
    const labels = dbscanByRegion(n, options.minPts, (p, found) => {
      block.squaredDistances(p, distances);
      // Unit vectors: ‖u_p − u_q‖² = 2 − 2⟨g_p, g_q⟩/(‖g_p‖‖g_q‖), the dot from ‖g_p − g_q‖²; a zero gradient has no direction and is near nothing.
      if (inv) {
        const ip = inv[p];
        for (let q = 0; q < n; q++) distances[q] = ip > 0 && inv[q] > 0 ? 2 - (norms[p] + norms[q] - distances[q]) * ip * inv[q] : Infinity;
      }
      let c = 0;
      for (let q = 0; q < n; q++) if (q === p || distances[q] <= radius2) found[c++] = q;
      return c;
    });
    for (let a = 0; a < n; a++) if (labels[a] === NOISE) keep[first * m + a] = 0;
  }
  return keep;
}
