import * as tf from "@equitable/core/tf";
import { agentIds, type DifferentiablePopulation } from "@equitable/core";

/** Options of a population of procurement desks ({@link ProcurementPopulation}). */
export interface ProcurementPopulationOptions {
  /** u_m: price per unit of shortfall (bought at the real-time price on the truth), one per desk, > 0. */
  readonly under: ArrayLike<number>;
  /** o_m: price per unit of surplus (sold back below cost), one per desk, > 0. */
  readonly over: ArrayLike<number>;
  /** Desk identifiers; default "procurement-0" … */
  readonly ids?: readonly string[];
}

/**
 * Day-ahead procurement desks with imbalance settlement (newsvendors). Desk m commits
 * a = s·ŷ_h for every step h of the horizon (s its load share, ξ = [s]); on the truth it buys the
 * shortfall at u_m and sells the surplus at a loss o_m per unit. Deciding on the truth costs
 * nothing, so regret = s·mean_h(u_m·(y_h − ŷ_h)⁺ + o_m·(ŷ_h − y_h)⁺): a pinball loss at the critical
 * ratio τ_m = u_m/(u_m + o_m). Its expected value is least at the τ_m-quantile of y given x, so
 * desks with different τ want different forecasts: the cost is not affine in the signal.
 */
export class ProcurementPopulation implements DifferentiablePopulation {
  readonly kind = "procurement";
  readonly differentiable = true;
  readonly xiWidth = 1;
  readonly ids: readonly string[];
  /** u_m per desk. */
  readonly under: Float64Array;
  /** o_m per desk. */
  readonly over: Float64Array;
  private constants: { under: tf.Tensor2D; over: tf.Tensor2D } | undefined;

  constructor(opts: ProcurementPopulationOptions) {
    const m = opts.under.length;
    if (m === 0) throw new RangeError("ProcurementPopulation: needs at least one desk (under is empty)");
    if (opts.over.length !== m) throw new RangeError(`ProcurementPopulation: ${m} shortfall prices, ${opts.over.length} surplus prices`);
    this.under = Float64Array.from(opts.under);
    this.over = Float64Array.from(opts.over);
    for (let j = 0; j < m; j++) {
      for (const [name, v] of [["under", this.under[j]], ["over", this.over[j]]] as const) {
        if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`ProcurementPopulation: ${name} price of desk ${j} must be a finite number > 0, got ${v}`);
      }
    }
    this.ids = agentIds("ProcurementPopulation", "procurement", m, opts.ids, "desks");
  }

  /** τ_m = u_m/(u_m + o_m): the quantile of the signal each desk would like to be forecast. */
  criticalRatios(): Float64Array {
    return this.under.map((u, j) => u / (u + this.over[j]));
  }

  /** B×M regrets in float64 (the reference evaluation uses): forecast and truth B×H, ξ B×M shares. */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, batch: number): Float64Array {
    const m = this.ids.length;
    if (!Number.isInteger(batch) || batch < 0) throw new RangeError(`regrets: batch must be an integer ≥ 0, got ${batch}`);
    const out = new Float64Array(batch * m);
    if (batch === 0) return out;
    const h = forecast.length / batch;
    if (!Number.isInteger(h) || h < 1 || truth.length !== forecast.length) {
      throw new RangeError(`regrets: forecast has ${forecast.length} values and truth ${truth.length}, for batch ${batch}`);
    }
    if (xi.length !== batch * m) throw new RangeError(`regrets: xi has ${xi.length} values, expected ${batch}×${m}`);
    const u = this.under;
    const o = this.over;
    for (let b = 0; b < batch; b++) {
      let short = 0;
      let surplus = 0;
      for (let k = 0; k < h; k++) {
        const gap = truth[b * h + k] - forecast[b * h + k];
        if (gap > 0) short += gap;
        else surplus -= gap;
      }
      short /= h;
      surplus /= h;
      for (let j = 0; j < m; j++) out[b * m + j] = xi[b * m + j] * (u[j] * short + o[j] * surplus);
    }
    return out;
  }

  /** The same regrets as one tfjs expression over all desks of the batch (the chain-rule route). */
  regretsTensor(forecast: tf.Tensor2D, truth: tf.Tensor2D, xi: tf.Tensor2D): tf.Tensor2D {
    // Kept once (tf.keep) so numTensors stays flat across epochs; `dispose` frees them.
    this.constants ??= {
      under: tf.keep(tf.tensor2d(Float32Array.from(this.under), [1, this.ids.length])),
      over: tf.keep(tf.tensor2d(Float32Array.from(this.over), [1, this.ids.length])),
    };
    const { under, over } = this.constants;
    return tf.tidy(() => {
      const gap = tf.sub(truth, forecast);
      const short = tf.mean(tf.relu(gap), 1, true); // B×1, broadcast over desks
      const surplus = tf.mean(tf.relu(tf.neg(gap)), 1, true);
      return tf.mul(xi, tf.add(tf.mul(short, under), tf.mul(surplus, over))) as tf.Tensor2D;
    });
  }

  /** The listed desks (ascending indices) as their own population: a step's sample (training.agentsPerStep). */
  select(agents: Int32Array): ProcurementPopulation {
    const pick = (v: Float64Array) => Float64Array.from(agents, (a) => v[a]);
    return new ProcurementPopulation({ under: pick(this.under), over: pick(this.over), ids: Array.from(agents, (a) => this.ids[a]) });
  }

  /** Frees the kept price tensors. */
  dispose(): void {
    this.constants?.under.dispose();
    this.constants?.over.dispose();
    this.constants = undefined;
  }
}
