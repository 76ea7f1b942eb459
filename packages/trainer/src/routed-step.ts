import * as tf from "@equitable/core/tf";
import {
  hostReads, InputError, MixedPopulation, type AgentPopulation, type ContextBatch, type ContextSeries, type DifferentiablePopulation, type PopulationPart, type Random,
  type TrainingMethod, type TrainingObjective,
} from "@equitable/core";
import { createSampleWeighting } from "./sample-weighting.js";
import type { GaussianPolicy, TrainableModel } from "@equitable/model";
import type { PolicyGradientOptions } from "./policy-gradient-options.js";
import { scoreWeights } from "./score-weights.js";
import { mseLoss } from "./losses.js";
import { TrainingDivergedError } from "./training-diverged-error.js";
import { repeat } from "./repeat.js";

/** What {@link createRoutedStep} needs: the model (and its Gaussian when sampling) and who takes which route. */
export interface RoutedStepConfig {
  model: TrainableModel;
  /** Present when some agents train by policy gradient. */
  policy: GaussianPolicy | undefined;
  population: AgentPopulation;
  /** The registered method whose weights ∂L/∂C̄_m drive the surrogate. */
  method: TrainingMethod;
  objective: TrainingObjective;
  /** Kinds trained through the chain rule (their regrets are tfjs ops on the mean forecast). */
  chain: readonly PopulationPart[];
  /** Kinds trained through policy gradient (black boxes deciding on sampled forecasts). */
  pg: readonly PopulationPart[];
  options: PolicyGradientOptions | undefined;
  /** Draws the forecast samples; one stream per training run. */
  rng: Random;
  epochs: number;
  /** The training series and rows: a per-sample method's global scheme weighs all of them once per epoch. */
  series?: ContextSeries;
  rows?: Int32Array;
  /** Rows per block of that epoch pass. */
  batchSize?: number;
}

/** One step on a batch: computes the gradient estimate, hands it to `apply`, resolves with the objective's value. */
export type RoutedStep = (batch: ContextBatch, epoch: number, apply: (grads: tf.NamedTensorMap) => void) => Promise<number>;

/**
 * One step of any regret-based method when agents take different routes (Sec. 3.2): one surrogate
 * whose gradient is Σ_m ∂L/∂C̄_m·∇C̄_m, with ∂L/∂C̄_m the method's weights, ∇C̄_m by the chain rule
 * for differentiable kinds (regrets on the mean forecast) and by REINFORCE over sampled forecasts
 * for the others. With β > 0 the (1 − β)·L + β·MSE objective of Appendix A.5 applies to both routes.
 */
export function createRoutedStep(config: RoutedStepConfig): RoutedStep {
  const { model, policy, population, method, objective, chain, pg, options, rng, epochs } = config;
  const beta = method.mseWeight(objective);
  const m = population.ids.length;
  const horizon = model.horizon;
  const mixed = population instanceof MixedPopulation ? population : undefined;
  const vars = (policy ? policy.variables : model.variables) as tf.Variable[];
  const pgAgents = pg.reduce((n, p) => n + p.count, 0);
  const samples = pg.length > 0 ? options!.samples : 0;
  const runningMean = new Float64Array(pgAgents).fill(Number.NaN);
  const partXi = (b: ContextBatch, part: PopulationPart): Float32Array => (mixed ? mixed.partXi(b.xi, b.size, part) : b.xi);
  // Per-sample methods that read gradients (IRW) or weigh once per epoch get their weights here, outside the step's tape.
  const sampleWeighting = createSampleWeighting({ model, method, objective, chain, agents: m, partXi: (xi, rows, part) => (mixed ? mixed.partXi(xi, rows, part) : xi), series: config.series, rows: config.rows, batchSize: config.batchSize });
  if (sampleWeighting && !hostReads(tf.getBackend())) {
    // Its per-sample gradients and global passes read on the host, many times a step.
    throw new InputError("--backend", `method '${method.name}' weighs samples on the host; train it on the cpu or wasm backend, not ${tf.getBackend()}`);
  }

  // The values the step reads on the host, in the order it reads them: every chain part's C̄ (and
  // its B×M regrets for per-sample methods), then the mean forecast and log σ (policy gradient),
  // then the MSE. A device backend (webgpu) cannot read inside the tape, so they are computed and
  // read asynchronously first, and the tape pass replays them: one more forward, no sync read.
  const readAhead = async (b: ContextBatch, epoch: number): Promise<Float32Array[]> => {
    const tensors = tf.tidy(() => {
      const x = tf.tensor2d(b.x, [b.size, model.window]);
      const y = tf.tensor2d(b.y, [b.size, horizon]);
      const mean = model.forward(x);
      const out: tf.Tensor[] = [];
      for (const part of chain) {
        const xi = tf.tensor2d(partXi(b, part), [b.size, part.count * part.population.xiWidth]);
        const regrets = (part.population as DifferentiablePopulation).regretsTensor(mean, y, xi);
        out.push(tf.mean(regrets, 0));
        if (method.perSample) out.push(regrets);
      }
      if (policy) out.push(mean, policy.logStd(epoch, epochs));
      out.push(mseLoss(mean, y));
      return out;
    });
    try {
      return (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
    } finally {
      tf.dispose(tensors);
    }
  };

  return async (b, epoch, apply) => {
    let objectiveValue = Number.NaN;
    const presetWeights = sampleWeighting?.(b, epoch);
    const ahead = hostReads(tf.getBackend()) ? undefined : await readAhead(b, epoch);
    let next = 0;
    const read = (t: tf.Tensor): Float32Array => (ahead ? ahead[next++] : (t.dataSync() as Float32Array));
    tf.tidy(() => {
      const x = tf.tensor2d(b.x, [b.size, model.window]);
      const y = tf.tensor2d(b.y, [b.size, horizon]);
      const { grads } = tf.variableGrads(() => {
        const mean = model.forward(x);
        const means = new Float64Array(m);
        // Chain-rule kinds: regrets as tensors on the mean forecast, so gradients reach θ directly.
        const perSample = method.perSample;
        // Per-sample methods read every regret of the batch (B×M); mean-based ones only C̄_m.
        const all = perSample ? new Float64Array(b.size * m) : undefined;
        const chainRegrets: tf.Tensor2D[] = [];
        const chainMeans = chain.map((part) => {
          const w = part.population.xiWidth;
          const xi = tf.tensor2d(partXi(b, part), [b.size, part.count * w]);
          const regrets = (part.population as DifferentiablePopulation).regretsTensor(mean, y, xi);
          chainRegrets.push(regrets);
          const agentMeans = tf.mean(regrets, 0);
          means.set(read(agentMeans), part.first);
          if (all) {
            const values = read(regrets);
            for (let r = 0; r < b.size; r++) for (let j = 0; j < part.count; j++) all[r * m + part.first + j] = values[r * part.count + j];
          }
          return agentMeans;
        });
        // Policy-gradient kinds: S forecasts sampled per row; every agent decides on each.
        let pgRegrets: Float64Array = new Float64Array(0);
        let sampled: Float32Array | undefined;
        let logStd: tf.Tensor2D | undefined;
        if (policy) {
          const meanValues = read(mean);
          for (let k = 0; k < meanValues.length; k++) {
            if (!Number.isFinite(meanValues[k])) throw new TrainingDivergedError(epoch, -1, meanValues[k]);
          }
          logStd = policy.logStd(epoch, epochs);
          sampled = policy.sample(meanValues, read(logStd), b.size, samples, rng);
          pgRegrets = sampledRegrets(pg, sampled, b, samples, pgAgents, partXi, means);
        }
        const mse = mseLoss(mean, y);
        let surrogate = tf.scalar(0);
        let weights: Float64Array = new Float64Array(m);
        if (perSample && all) {
          // Σ_{i,m} (∂L/∂C_{i,m})·C_{i,m}: the same seam, one weight per sample and agent.
          const sampleWeights = presetWeights ?? perSample.weights(all, b.size, m, objective);
          objectiveValue = (1 - beta) * perSample.value(all, b.size, m, objective) + beta * read(mse)[0];
          chain.forEach((part, k) => {
            const w = new Float32Array(b.size * part.count);
            for (let r = 0; r < b.size; r++) for (let j = 0; j < part.count; j++) w[r * part.count + j] = sampleWeights[r * m + part.first + j];
            surrogate = tf.add(surrogate, tf.sum(tf.mul(chainRegrets[k], tf.tensor2d(w, [b.size, part.count]))));
          });
        } else {
          weights = method.weights!(means, objective);
          objectiveValue = (1 - beta) * method.value!(means, objective) + beta * read(mse)[0];
          chain.forEach((part, k) => {
            const w = tf.tensor1d(Float32Array.from(weights.subarray(part.first, part.first + part.count)));
            surrogate = tf.add(surrogate, tf.sum(tf.mul(chainMeans[k], w)));
          });
        }
        if (policy && sampled && logStd) {
          const pgWeights = new Float64Array(pgAgents);
          let o = 0;
          for (const part of pg) {
            pgWeights.set(weights.subarray(part.first, part.first + part.count), o);
            o += part.count;
          }
          const scores = scoreWeights({
            estimator: options!.estimator,
            regrets: pgRegrets,
            samples,
            rows: b.size,
            agents: pgAgents,
            agentWeights: pgWeights,
            replicateLoss: (replicate) => method.value!(withPart(means, pg, replicate), objective),
            baseline: options!.baseline,
            runningMean,
          });
          const logProb = policy.logProb(tf.tensor3d(sampled, [samples, b.size, horizon]), mean, logStd);
          surrogate = tf.add(surrogate, tf.sum(tf.mul(logProb, tf.tensor2d(scores, [samples, b.size]))));
        }
        return beta === 0 ? (surrogate as tf.Scalar) : (tf.add(tf.mul(surrogate, 1 - beta), tf.mul(mse, beta)) as tf.Scalar);
      }, vars);
      apply(grads);
    });
    return objectiveValue;
  };
}

/**
 * Regrets of every policy-gradient agent on every sampled forecast, (S·B)×M_pg sample-major,
 * and their means written into `means` at the agents' columns. One population call per kind.
 */
function sampledRegrets(
  pg: readonly PopulationPart[],
  sampled: Float32Array,
  b: ContextBatch,
  samples: number,
  pgAgents: number,
  partXi: (b: ContextBatch, part: PopulationPart) => Float32Array,
  means: Float64Array,
): Float64Array {
  const rows = samples * b.size;
  const truth = repeat(b.y, samples);
  const out = new Float64Array(rows * pgAgents);
  let offset = 0;
  for (const part of pg) {
    const regrets = part.population.regrets(sampled, truth, repeat(partXi(b, part), samples), rows);
    const c = part.count;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < c; j++) {
        const v = regrets[r * c + j];
        out[r * pgAgents + offset + j] = v;
        means[part.first + j] += v / rows;
      }
    }
    offset += c;
  }
  return out;
}

/** All agents' means with the policy-gradient agents' replaced by one replicate's. */
function withPart(means: Float64Array, pg: readonly PopulationPart[], replicate: Float64Array): Float64Array {
  const out = Float64Array.from(means);
  let o = 0;
  for (const part of pg) {
    out.set(replicate.subarray(o, o + part.count), part.first);
    o += part.count;
  }
  return out;
}
