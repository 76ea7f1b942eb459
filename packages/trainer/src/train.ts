import * as tf from "@equitable/core/tf";
import { Observable, lastValueFrom, toArray } from "rxjs";
import {
  disposePopulation, hostReads, InputError, isDifferentiable, populationParts, type AgentPopulation, type ContextSeries, type DifferentiablePopulation,
  type PopulationPart, type Random, type TrainingMethod, type TrainingObjective,
} from "@equitable/core";
import { createGaussianPolicy, type TrainableModel } from "@equitable/model";
import { epochBatches } from "@equitable/simulator";
import type { TrainingOptions } from "./training-options.js";
import type { TrainingEvent } from "./training-event.js";
import { objectiveLoss } from "./losses.js";
import { stepLearningRate } from "./learning-rate.js";
import { clipByGlobalNorm } from "./clip.js";
import { createDeviceAdam, createFusedAdam, createTfjsAdam, type OptimizerImplementation } from "./fused-adam.js";
import { TrainingDivergedError } from "./training-diverged-error.js";
import type { PolicyGradientOptions } from "./policy-gradient-options.js";
import { createRoutedStep } from "./routed-step.js";
import { resolveObjective } from "./resolve-objective.js";
import { checkMethodRoutes } from "./route-check.js";

/** Everything one training run needs; the model is trained in place. */
export interface TrainRequest {
  model: TrainableModel;
  series: ContextSeries;
  /** Rows of the series to train on (the train split). */
  rows: Int32Array;
  population: AgentPopulation;
  objective: TrainingObjective;
  options: TrainingOptions;
  /** Shuffles the batches and draws the policy-gradient samples; the initial weights come from the caller. */
  rng: Random;
  /** Needed when some agents are not differentiable, or to force policy gradient for all. */
  policyGradient?: PolicyGradientOptions;
  /**
   * Population weights, one per agent (length M): agent m stands for w_m agents in the objective
   * (Σ_m w_m·C̄_m^(q+1) for Equitable PM). Unset: every agent once. Chain-rule route only.
   */
  agentWeights?: Float64Array;
  /** "fused" (default on host backends): Adam and clipping on typed arrays; "tfjs": tf.train.adam, the reference it is tested against; "device" (default on webgpu): tf.train.adam with on-device clipping. */
  optimizer?: OptimizerImplementation;
}

/**
 * Trains a public model on a registered method's objective (Plain PM's MSE, the Equitable
 * Objective, …) through the chain rule and/or policy gradient (Sec. 3.2), emitting per-step and
 * per-epoch progress; completes when training is done.
 * Unsubscribing stops training after the current step.
 */
export function trainPublicModel(req: TrainRequest): Observable<TrainingEvent> {
  return new Observable<TrainingEvent>((subscriber) => {
    let stopped = false;
    run(req, (e) => subscriber.next(e), () => stopped).then(
      () => subscriber.complete(),
      (err: unknown) => subscriber.error(err),
    );
    return () => {
      stopped = true;
    };
  });
}

/** Runs {@link trainPublicModel} to the end and resolves with its epoch events. */
export async function trainToEnd(req: TrainRequest): Promise<Extract<TrainingEvent, { type: "epoch" }>[]> {
  const events = await lastValueFrom(trainPublicModel(req).pipe(toArray()));
  return events.filter((e): e is Extract<TrainingEvent, { type: "epoch" }> => e.type === "epoch");
}

async function run(req: TrainRequest, emit: (e: TrainingEvent) => void, stopped: () => boolean): Promise<void> {
  const { model, series, rows, population, options, rng } = req;
  const { method, objective } = resolveObjective(req.objective);
  const routes = planRoutes(population, method, req.policyGradient);
  const steps = Math.ceil(rows.length / options.batchSize);
  const policy = routes.pg.length > 0 ? createGaussianPolicy(model, req.policyGradient!.std) : undefined;
  const vars = (policy ? policy.variables : model.variables) as tf.Variable[];
  // The fused Adam reads gradients on the host; a device backend (webgpu) keeps the step there.
  const implementation = req.optimizer ?? (hostReads(tf.getBackend()) ? "fused" : "device");
  const optimizer = implementation === "fused"
    ? createFusedAdam(vars, options.learningRate)
    : implementation === "device"
      ? createDeviceAdam(options.learningRate)
      : createTfjsAdam(clipByGlobalNorm, options.learningRate);
  // A single differentiable population with a tensor loss keeps the plain chain-rule step below;
  // anything mixed, needing samples or defined by its weights alone goes through the routed step.
  const routed = routes.pg.length > 0 || routes.chain.some((p) => p.population !== population) || !method.tensorLoss;
  const pgStep =
    routed && method.usesRegrets
      ? createRoutedStep({
        model,
        policy,
        population,
        method,
        objective,
        chain: routes.chain,
        pg: routes.pg,
        options: req.policyGradient,
        rng: rng.fork("policy-gradient"),
        epochs: options.epochs,
        series,
        rows,
        batchSize: options.batchSize,
      })
    : undefined;
  const differentiable = routes.chain.length > 0 ? (population as DifferentiablePopulation) : undefined;
  const m = population.ids.length;
  const sampled = options.agentsPerStep !== undefined && options.agentsPerStep < m && method.usesRegrets ? options.agentsPerStep : undefined;
  if ((sampled !== undefined || req.agentWeights) && pgStep) {
    throw new InputError("training.agentsPerStep", "agent sampling and group weights apply to one differentiable agent kind trained through the chain rule");
  }
  if (sampled !== undefined && !differentiable?.select) throw new InputError("training.agentsPerStep", `agents of kind '${population.kind}' cannot be sampled (their population has no select)`);
  if (req.agentWeights && req.agentWeights.length !== m) throw new RangeError(`agentWeights has ${req.agentWeights.length} values for ${m} agents`);
  if (req.agentWeights && method.usesRegrets && !method.populationWeights) throw new InputError("agents.weight", `method '${method.name}' does not take population weights`);
  const agentRng = sampled !== undefined ? rng.fork("agents-per-step") : undefined;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const started = performance.now();
      const lr = stepLearningRate(options.learningRate, epoch, options.lrStepEpochs, options.lrGamma);
      optimizer.learningRate = lr;
      const batches = await lastValueFrom(epochBatches(series, { rows, batchSize: options.batchSize, rng }).pipe(toArray()));
      let lossSum = 0;
      for (let step = 0; step < batches.length; step++) {
        if (stopped()) return;
        const b = batches[step];
        if (pgStep) {
          const value = await pgStep(b, epoch, (grads) => optimizer.step(grads, options.clipNorm));
          if (!Number.isFinite(value)) throw new TrainingDivergedError(epoch, step, value);
          lossSum += value;
          emit({ type: "step", epoch, step, steps });
          continue;
        }
        // A sampled step sees only its agents' ξ columns, weights and prices: memory ∝ the sample.
        const agents = agentRng ? sampleAgents(agentRng, m, sampled!) : undefined;
        const part = agents ? differentiable!.select!(agents) : differentiable;
        let loss: tf.Scalar;
        try {
          loss = tf.tidy(() => {
            const x = tf.tensor2d(b.x, [b.size, series.window]);
            const y = tf.tensor2d(b.y, [b.size, series.horizon]);
            const xiValues = agents ? columns(b.xi, b.size, m, series.xiWidth, agents) : b.xi;
            const xi = tf.tensor2d(xiValues, [b.size, (agents ? agents.length : m) * series.xiWidth]);
            const w = req.agentWeights && method.usesRegrets
              ? tf.tensor1d(Float32Array.from(agents ? Array.from(agents, (a) => req.agentWeights![a]) : req.agentWeights))
              : undefined;
            const { value, grads } = tf.variableGrads(() => {
              const forecast = model.forward(x);
              return objectiveLoss(method, objective, forecast, y, () => part!.regretsTensor(forecast, y, xi), w);
            }, vars);
            optimizer.step(grads, options.clipNorm);
            return value;
          });
        } finally {
          if (agents && part) disposePopulation(part);
        }
        const value = (await loss.data())[0];
        loss.dispose();
        if (!Number.isFinite(value)) throw new TrainingDivergedError(epoch, step, value);
        lossSum += value;
        emit({ type: "step", epoch, step, steps });
      }
      emit({
        type: "epoch",
        epoch,
        epochs: options.epochs,
        loss: lossSum / batches.length,
        learningRate: lr,
        seconds: (performance.now() - started) / 1000,
        numTensors: tf.memory().numTensors,
      });
    }
  } finally {
    optimizer.dispose();
    policy?.dispose();
  }
}

/** Which agent kinds train through the chain rule and which through policy gradient. */
function planRoutes(
  population: AgentPopulation,
  method: TrainingMethod,
  pg: PolicyGradientOptions | undefined,
): { chain: PopulationPart[]; pg: PopulationPart[] } {
  if (!method.usesRegrets) return { chain: [], pg: [] };
  checkMethodRoutes(method, population, pg);
  const parts = populationParts(population);
  const force = pg?.route === "policy-gradient";
  const chain = force ? [] : parts.filter((p) => isDifferentiable(p.population));
  const rest = parts.filter((p) => !chain.includes(p));
  if (rest.length > 0 && !pg) {
    const kinds = [...new Set(rest.map((p) => p.population.kind))].join("', '");
    throw new TypeError(
      `agents of kind '${kinds}' are not differentiable; the chain-rule route cannot train them (give policyGradient options)`,
    );
  }
  return { chain, pg: rest };
}

/** K agent indices of M drawn uniformly without replacement (Floyd's algorithm: O(K) time and memory), ascending. */
export function sampleAgents(rng: Random, m: number, k: number): Int32Array {
  const chosen = new Set<number>();
  for (let j = m - k; j < m; j++) {
    const t = Math.floor(rng.next() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}

/** The ξ columns of the listed agents (each `width` wide) from a B×(M·width) row-major block. */
function columns(xi: Float32Array, rows: number, m: number, width: number, agents: Int32Array): Float32Array {
  const k = agents.length;
  const out = new Float32Array(rows * k * width);
  for (let r = 0; r < rows; r++) {
    const from = r * m * width;
    const to = r * k * width;
    for (let j = 0; j < k; j++) {
      const a = from + agents[j] * width;
      for (let c = 0; c < width; c++) out[to + j * width + c] = xi[a + c];
    }
  }
  return out;
}
