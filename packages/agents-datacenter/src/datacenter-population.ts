import { agentIds, hostReads, type AgentPopulation } from "@equitable/core";
import * as tf from "@equitable/core/tf";
import { checkLambda, DATACENTER_FLOOR } from "./domain-rule.js";

/** Options of an Eq. 12 population ({@link DatacenterPopulation}). */
export interface DatacenterPopulationOptions {
  /** Latency weights λ_1..λ_M of Eq. 12, one per agent (column of ξ); each must be > 0. */
  readonly lambdas: ArrayLike<number>;
  /** Agent identifiers; default "datacenter-0" … "datacenter-{M−1}". */
  readonly ids?: readonly string[];
}

/** M Eq. 12 data centres on a batch: regret_{b,j} = sqrt(λ_j·w_{b,j})·(sqrt(ĉ_b) − sqrt(c_b))²/sqrt(ĉ_b), float64 and tfjs. */
export class DatacenterPopulation implements AgentPopulation {
  readonly kind = "datacenter";
  readonly differentiable = true;
  /** One ξ value per agent: its workload demand w. */
  readonly xiWidth = 1;
  readonly ids: readonly string[];
  /** λ_1..λ_M (float64 copy). */
  readonly lambdas: Float64Array;
  /** Number of agents M. */
  readonly size: number;
  private readonly sqrtLambdas: Float64Array;
  private sqrtLambdaTensor: tf.Tensor2D | undefined;

  constructor(opts: DatacenterPopulationOptions) {
    const m = opts.lambdas.length;
    if (m === 0) throw new RangeError("DatacenterPopulation: needs at least one agent (lambdas is empty)");
    this.size = m;
    this.lambdas = Float64Array.from(opts.lambdas);
    this.sqrtLambdas = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      checkLambda(this.lambdas[j], `λ of agent ${j}`);
      this.sqrtLambdas[j] = Math.sqrt(this.lambdas[j]);
    }
    this.ids = agentIds("DatacenterPopulation", "datacenter", m, opts.ids, "lambdas");
  }

  /** Eq. 12 regrets of all agents, float64: forecast and truth B×H, xi B×M demands; returns B×M row-major. */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, batch: number): Float64Array {
    const m = this.size;
    if (!Number.isInteger(batch) || batch < 0) throw new RangeError(`regrets: batch must be an integer ≥ 0, got ${batch}`);
    const out = new Float64Array(batch * m);
    if (batch === 0) return out;
    const h = forecast.length / batch;
    if (!Number.isInteger(h) || h < 1) {
      throw new RangeError(`regrets: forecast has ${forecast.length} values, not a multiple of batch ${batch}`);
    }
    if (truth.length !== forecast.length) {
      throw new RangeError(`regrets: forecast has ${forecast.length} values, truth ${truth.length}`);
    }
    if (xi.length !== batch * m) throw new RangeError(`regrets: xi has ${xi.length} values, expected ${batch}×${m}`);
    const floor = DATACENTER_FLOOR;
    const sl = this.sqrtLambdas;
    for (let b = 0; b < batch; b++) {
      let fc: number;
      let tc: number;
      if (h === 1) {
        fc = forecast[b];
        tc = truth[b];
      } else {
        fc = 0;
        tc = 0;
        for (let k = b * h, end = k + h; k < end; k++) {
          fc += forecast[k];
          tc += truth[k];
        }
        fc /= h;
        tc /= h;
      }
      const sf = Math.sqrt(fc > floor ? fc : floor);
      const gap = sf - Math.sqrt(tc > floor ? tc : floor);
      const perTick = (gap * gap) / sf;
      const row = b * m;
      for (let j = 0; j < m; j++) {
        const w = xi[row + j];
        out[row + j] = sl[j] * Math.sqrt(w > floor ? w : floor) * perTick;
      }
    }
    return out;
  }

  /** The listed agents (ascending indices) as their own population: a step's sample (training.agentsPerStep). */
  select(agents: Int32Array): DatacenterPopulation {
    return new DatacenterPopulation({ lambdas: Array.from(agents, (a) => this.lambdas[a]), ids: Array.from(agents, (a) => this.ids[a]) });
  }

  /**
   * Eq. 12 regrets as a tfjs tensor (B×H forecast/truth, B×M demand → B×M), differentiable in the
   * forecast; caller owns it. One custom op: the value and its gradient in the forecast,
   * ∂R_bj/∂ĉ_b = sqrt(λ_j·w_bj)·(1 − c_b/ĉ_b)/(2·sqrt(ĉ_b)) (0 where ĉ_b is floored), are computed
   * in a float64 loop over the batch, where the broadcast ops of {@link regretsTensorOps} take
   * about ten tfjs ops forward and twenty backward (≈ 35 µs each on wasm, a sixth of a training step).
   */
  regretsTensor(forecast: tf.Tensor2D, truth: tf.Tensor2D, demand: tf.Tensor2D): tf.Tensor2D {
    // The op reads its inputs on the host: on a device backend (webgpu) the ops reference stays on the device.
    if (!hostReads(tf.getBackend())) return this.regretsTensorOps(forecast, truth, demand);
    const [b, h] = this.checkShapes(forecast, truth, demand);
    const m = this.size;
    const t = truth.dataSync();
    const w = demand.dataSync();
    // The floor as the ops path compares it, in float32: at ĉ exactly on it both pass the gradient.
    const floor = Math.fround(DATACENTER_FLOOR);
    const sl = this.sqrtLambdas;
    const op = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const fv = (inputs[0] as tf.Tensor).dataSync();
      const weight = new Float64Array(b * m); // sqrt(λ_j·w_bj)
      const slope = new Float64Array(b); // ∂perTick_b/∂ĉ_b
      const out = new Float32Array(b * m);
      for (let r = 0; r < b; r++) {
        let fc = 0;
        let tc = 0;
        for (let k = r * h, end = k + h; k < end; k++) {
          fc += fv[k];
          tc += t[k];
        }
        fc /= h;
        tc /= h;
        const floored = !(fc >= floor);
        const cHat = floored ? floor : fc;
        const c = tc > floor ? tc : floor;
        const sf = Math.sqrt(cHat);
        const gap = sf - Math.sqrt(c);
        const perTick = (gap * gap) / sf;
        // tf.maximum passes the gradient where ĉ ≥ the floor, as the ops path does.
        slope[r] = floored ? 0 : (1 - c / cHat) / (2 * sf);
        for (let j = 0, i = r * m; j < m; j++, i++) {
          const wj = w[i];
          const g = sl[j] * Math.sqrt(wj > floor ? wj : floor);
          weight[i] = g;
          out[i] = g * perTick;
        }
      }
      return {
        value: tf.tensor2d(out, [b, m]),
        gradFunc: (dy: tf.Tensor) => {
          const d = dy.dataSync();
          const df = new Float32Array(b * h);
          for (let r = 0; r < b; r++) {
            let acc = 0;
            for (let j = 0, i = r * m; j < m; j++, i++) acc += d[i] * weight[i];
            const g = (acc * slope[r]) / h;
            for (let k = r * h, end = k + h; k < end; k++) df[k] = g;
          }
          return tf.tensor2d(df, [b, h]);
        },
      };
    });
    return op(forecast) as tf.Tensor2D;
  }

  /** The same regrets as broadcast tfjs ops (the reference {@link regretsTensor} is checked against); caller owns it. */
  regretsTensorOps(forecast: tf.Tensor2D, truth: tf.Tensor2D, demand: tf.Tensor2D): tf.Tensor2D {
    const [, h] = this.checkShapes(forecast, truth, demand);
    const sqrtLambda = this.lambdaTensor();
    return tf.tidy(() => {
      const cHat = tf.maximum(h === 1 ? forecast : tf.mean(forecast, 1, true), DATACENTER_FLOOR); // B×1
      const c = tf.maximum(h === 1 ? truth : tf.mean(truth, 1, true), DATACENTER_FLOOR); // B×1
      const sHat = tf.sqrt(cHat);
      const perTick = tf.div(tf.square(tf.sub(sHat, tf.sqrt(c))), sHat); // B×1
      const sqrtW = tf.sqrt(tf.maximum(demand, DATACENTER_FLOOR)); // B×M
      return tf.mul(tf.mul(sqrtW, sqrtLambda), perTick) as tf.Tensor2D; // B×M · 1×M · B×1
    });
  }

  private checkShapes(forecast: tf.Tensor2D, truth: tf.Tensor2D, demand: tf.Tensor2D): [number, number] {
    const [b, h] = forecast.shape;
    if (truth.shape[0] !== b || truth.shape[1] !== h) {
      throw new RangeError(`regretsTensor: forecast is ${b}×${h}, truth ${truth.shape[0]}×${truth.shape[1]}`);
    }
    if (demand.shape[0] !== b || demand.shape[1] !== this.size) {
      throw new RangeError(`regretsTensor: demand is ${demand.shape[0]}×${demand.shape[1]}, expected ${b}×${this.size}`);
    }
    return [b, h];
  }

  /** Frees the 1×M sqrt(λ) tensor kept for the Eq. 12 {@link regretsTensor}; a later call creates it again. */
  dispose(): void {
    this.sqrtLambdaTensor?.dispose();
    this.sqrtLambdaTensor = undefined;
  }

  /** The 1×M float32 tensor of sqrt(λ_j), created on first use and kept out of any enclosing tidy. */
  private lambdaTensor(): tf.Tensor2D {
    if (this.sqrtLambdaTensor === undefined || this.sqrtLambdaTensor.isDisposed) {
      this.sqrtLambdaTensor = tf.keep(tf.tensor2d(Float32Array.from(this.sqrtLambdas), [1, this.size], "float32"));
    }
    return this.sqrtLambdaTensor;
  }
}
