import { InputError, wasserstein1 } from "@equitable/core";

/** The smallest and largest pairwise distance between agents' distributions. */
export interface Spread {
  /** Smallest pairwise W1. */
  readonly min: number;
  /** Largest pairwise W1. */
  readonly max: number;
}

/**
 * Range of pairwise Wasserstein-1 distances between the M agents' need distributions (ξ feature 0 over
 * the ticks) of a ticks×M×2 context array: the number the paper reports to say how different its
 * "similar" (0.80–9.00) and "different" (1.33–60.36) EV agents are. Needs at least two agents.
 */
export function evNeedSpread(xi: ArrayLike<number>, ticks: number, agents: number): Spread {
  if (!Number.isInteger(agents) || agents < 2) throw new InputError("agents", `a spread needs at least 2 agents, got ${agents}`);
  if (!Number.isInteger(ticks) || ticks < 1) throw new InputError("ticks", `must be an integer ≥ 1, got ${ticks}`);
  if (xi.length !== ticks * agents * 2) throw new RangeError(`evNeedSpread: xi has ${xi.length} values, expected ${ticks}×${agents}×2`);
  // Sorted once per agent: wasserstein1 sorts its inputs again, which is cheap on sorted data.
  const needs: Float64Array[] = [];
  for (let j = 0; j < agents; j++) {
    const col = new Float64Array(ticks);
    for (let t = 0; t < ticks; t++) col[t] = xi[2 * (t * agents + j)];
    needs.push(col.sort());
  }
  let min = Infinity;
  let max = 0;
  for (let a = 0; a < agents; a++) {
    for (let b = a + 1; b < agents; b++) {
      const w = wasserstein1(needs[a], needs[b]);
      if (w < min) min = w;
      if (w > max) max = w;
    }
  }
  return { min, max };
}
