import * as tf from "@equitable/core/tf";
import { Observable, lastValueFrom, toArray } from "rxjs";
import {
  hostReads, isDifferentiable, populationParts, type AgentPopulation, type ContextSeries, type DifferentiablePopulation,
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
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(b.x, [b.size, series.window]);
          const y = tf.tensor2d(b.y, [b.size, series.horizon]);
          const xi = tf.tensor2d(b.xi, [b.size, series.agents * series.xiWidth]);
          const { value, grads } = tf.variableGrads(() => {
            const forecast = model.forward(x);
            return objectiveLoss(method, objective, forecast, y, () => differentiable!.regretsTensor(forecast, y, xi));
          }, vars);
          optimizer.step(grads, options.clipNorm);
          return value;
        });
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
