import type { CellSpec } from "./cell.js";

/**
 * The order a pool runs cells in: the costlier first, so that the cheap ones fill the workers'
 * last gaps instead of one long cell running alone at the end (longest processing time first).
 * The cost is estimated from the cell alone: regret-based methods cost about 2.5× Plain PM's MSE
 * per epoch (the 16-cell bench), and cost grows with epochs. Stable: equal cells keep the sweep's
 * expansion order (seeds together, so a worker's cached Plain PM serves its next cells). Results
 * do not depend on the order: each cell is deterministic from its own seed.
 */
export function longestFirst<C extends Pick<CellSpec, "method" | "epochs" | "index">>(cells: readonly C[]): C[] {
  const cost = (c: C) => c.epochs * (c.method === "plain" ? 1 : 2.5);
  return [...cells].sort((a, b) => cost(b) - cost(a) || a.index - b.index);
}
