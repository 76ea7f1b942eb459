/**
 * Which policy-gradient estimator of ∇E[L^q] to use. "paper": Eq. 4 — every log-probability of a
 * batch weighted by the whole batch's L^q (unbiased, very noisy). "reinforce-baseline": per-sample
 * REINFORCE weighted by ∂L/∂C_{m,i} = (q+1)·C̄_m^q / B_m with a baseline (far lower variance).
 */
export type PolicyGradientEstimator = "paper" | "reinforce-baseline";

/**
 * Baseline of the "reinforce-baseline" estimator. "leave-one-out": for each input, the mean
 * regret of the other samples drawn for it (needs ≥ 2 samples; keeps the estimator unbiased).
 * "running-mean": each agent's exponential running mean of regret (works with one sample).
 */
export type BaselineKind = "leave-one-out" | "running-mean";

/** What {@link scoreWeights} needs: sampled regrets of the policy-gradient agents and how to weigh them. */
export interface ScoreWeightsInput {
  estimator: PolicyGradientEstimator;
  /** C_{s,i,m}: regrets of S samples × B rows × M agents, sample-major. */
  regrets: Float64Array;
  samples: number;
  rows: number;
  agents: number;
  /** "reinforce-baseline": ∂L/∂C̄_m of each of these agents. */
  agentWeights?: ArrayLike<number>;
  /** "paper": L^q of one replicate (sample s over all rows), given these agents' means in it. */
  replicateLoss?: (agentMeans: Float64Array) => number;
  /** "reinforce-baseline": which baseline; default leave-one-out. */
  baseline?: BaselineKind;
  /** "running-mean": per-agent state, updated in place after use; NaN entries start at this batch's mean. */
  runningMean?: Float64Array;
  /** "running-mean": weight of the old mean in each update. */
  runningMeanDecay?: number;
}

/**
 * Score-function weights W_{s,i} (S×B) such that the gradient of Σ_{s,i} W_{s,i}·log σ_θ(ŷ_{s,i} | x_i)
 * is the chosen estimate of ∇_θ E[L^q] (Eq. 3-4, Alg. 1). The S samples per input are
 * treated as S replicates of the batch, so estimates are averaged over them.
 */
export function scoreWeights(input: ScoreWeightsInput): Float32Array {
  const { regrets, samples: s, rows: b, agents: m } = input;
  if (regrets.length !== s * b * m) {
    throw new RangeError(`scoreWeights: ${regrets.length} regrets, expected ${s}×${b}×${m}`);
  }
  const out = new Float32Array(s * b);
  if (m === 0) return out;
  if (input.estimator === "paper") {
    if (!input.replicateLoss) throw new TypeError("scoreWeights: the paper's estimator needs replicateLoss");
    const means = new Float64Array(m);
    for (let k = 0; k < s; k++) {
      means.fill(0);
      const base = k * b * m;
      for (let i = 0; i < b; i++) for (let j = 0; j < m; j++) means[j] += regrets[base + i * m + j];
      for (let j = 0; j < m; j++) means[j] /= b;
      out.fill(input.replicateLoss(means) / s, k * b, (k + 1) * b);
    }
    return out;
  }
  const w = input.agentWeights;
  if (!w || w.length !== m) throw new TypeError(`scoreWeights: reinforce-baseline needs ${m} agentWeights`);
  const baseline = input.baseline ?? "leave-one-out";
  const scale = 1 / (s * b);
  if (baseline === "leave-one-out") {
    if (s < 2) throw new RangeError("scoreWeights: a leave-one-out baseline needs at least 2 samples per input");
    // u_{s,i} = Σ_m w_m C_{s,i,m}; the baseline term Σ_m w_m b_{s,i,m} is then (U_i − u_{s,i})/(S−1).
    const u = new Float64Array(s * b);
    const total = new Float64Array(b);
    for (let k = 0; k < s; k++) {
      for (let i = 0; i < b; i++) {
        const row = (k * b + i) * m;
        let acc = 0;
        for (let j = 0; j < m; j++) acc += w[j] * regrets[row + j];
        u[k * b + i] = acc;
        total[i] += acc;
      }
    }
    for (let k = 0; k < s; k++) {
      for (let i = 0; i < b; i++) {
        const own = u[k * b + i];
        out[k * b + i] = (own - (total[i] - own) / (s - 1)) * scale;
      }
    }
    return out;
  }
  const rm = input.runningMean;
  if (!rm || rm.length !== m) throw new TypeError(`scoreWeights: a running-mean baseline needs state for ${m} agents`);
  const means = new Float64Array(m);
  for (let r = 0; r < s * b; r++) for (let j = 0; j < m; j++) means[j] += regrets[r * m + j];
  for (let j = 0; j < m; j++) {
    means[j] /= s * b;
    if (Number.isNaN(rm[j])) rm[j] = means[j];
  }
  let wb = 0;
  for (let j = 0; j < m; j++) wb += w[j] * rm[j];
  for (let r = 0; r < s * b; r++) {
    let acc = 0;
    for (let j = 0; j < m; j++) acc += w[j] * regrets[r * m + j];
    out[r] = (acc - wb) * scale;
  }
  const decay = input.runningMeanDecay ?? 0.9;
  for (let j = 0; j < m; j++) rm[j] = decay * rm[j] + (1 - decay) * means[j];
  return out;
}
