/**
 * L^q of agents' mean regrets in float64 (Eq. 2): Σ_m C̄_m^(q+1) ("power"), or the authors'
 * (Σ_m C̄_m^(q+1))^(1/(q+1)) / M ("norm"). Mirrors `equitableLoss` for values the trainer
 * already holds in JavaScript (policy-gradient agents' sampled regrets).
 */
export function equitableLossValue(agentMeans: ArrayLike<number>, qPlusOne: number, form: "power" | "norm"): number {
  const m = agentMeans.length;
  if (form === "power") {
    let s = 0;
    for (let j = 0; j < m; j++) s += agentMeans[j] ** qPlusOne;
    return s;
  }
  const scale = maxOf(agentMeans);
  if (scale <= 0) return 0;
  let s = 0;
  for (let j = 0; j < m; j++) s += (agentMeans[j] / scale) ** qPlusOne;
  return (scale * s ** (1 / qPlusOne)) / m;
}

/**
 * ∂L^q/∂C̄_m for every agent: (q+1)·C̄_m^q in "power" form, (C̄_m/‖C̄‖_{q+1})^q / M in "norm"
 * form. These are the weights that turn per-agent regret gradients into the gradient of the
 * Equitable Objective (NOTES: ∂L/∂C_{m,i} = (q+1)·C̄_m^q / B_m); the worst-off agents weigh most.
 */
export function equitableAgentWeights(agentMeans: ArrayLike<number>, qPlusOne: number, form: "power" | "norm"): Float64Array {
  const m = agentMeans.length;
  const out = new Float64Array(m);
  const q = qPlusOne - 1;
  if (form === "power") {
    for (let j = 0; j < m; j++) out[j] = qPlusOne * (q === 0 ? 1 : Math.max(agentMeans[j], 0) ** q);
    return out;
  }
  const scale = maxOf(agentMeans);
  if (scale <= 0) {
    // All regrets zero: the norm is not differentiable there; its directional derivative along
    // the all-ones direction is what every agent shares, so weigh them equally.
    out.fill(m ** (1 / qPlusOne - 1) / m);
    return out;
  }
  let s = 0;
  for (let j = 0; j < m; j++) s += (agentMeans[j] / scale) ** qPlusOne;
  const norm = s ** (1 / qPlusOne); // ‖C̄/scale‖
  for (let j = 0; j < m; j++) out[j] = (Math.max(agentMeans[j], 0) / scale / norm) ** q / m;
  return out;
}

function maxOf(values: ArrayLike<number>): number {
  let best = 0;
  for (let j = 0; j < values.length; j++) if (values[j] > best) best = values[j];
  return best;
}
