import * as tf from "@equitable/core/tf";
import { createRandom, type DifferentiablePopulation, type TrainingObjective } from "@equitable/core";
import type { TrainableModel } from "@equitable/model";
import { packBatch } from "@equitable/simulator";
import { clipByGlobalNorm, objectiveLoss, resolveObjective } from "@equitable/trainer";
import type { World } from "@equitable/scenario";
import { median } from "./median.js";

/** Median milliseconds of one training step and its parts. */
export interface StepSplit {
  /** The model's forward pass alone. */
  forward: number;
  /** The model's backward pass: the gradient step minus forward and agent costs. */
  backward: number;
  /** The agents' Eq. 12 regrets and L^q, forward and backward (gradient in the forecast). */
  agents: number;
  /** Global-norm clipping and Adam. */
  optimiser: number;
  /** One whole step, as the trainer runs it. */
  step: number;
  numTensorsBefore: number;
  numTensorsAfter: number;
}

/**
 * Times one training step in parts on `reps` batches of the train split, the way the trainer
 * runs it (variableGrads of the objective, clipping, Adam). The backends time synchronously
 * (wasm, cpu, tfjs-node), so wall clocks between the parts are what each part costs.
 */
export function stepSplit(model: TrainableModel, world: World, objective: TrainingObjective, opts: { batchSize: number; clipNorm: number; learningRate: number; reps: number }): StepSplit {
  const { method, objective: o } = resolveObjective(objective);
  const population = world.population as unknown as DifferentiablePopulation;
  const series = world.series;
  const optimizer = tf.train.adam(opts.learningRate);
  const rng = createRandom(7);
  const numTensorsBefore = tf.memory().numTensors;
  const parts = { forward: [] as number[], agents: [] as number[], grads: [] as number[], optimiser: [] as number[], step: [] as number[] };
  const warmUp = 3;
  for (let rep = 0; rep < warmUp + opts.reps; rep++) {
    const start = Math.floor(rng.next() * (world.train.length - opts.batchSize));
    const b = packBatch(series, world.train.subarray(start, start + opts.batchSize));
    tf.tidy(() => {
      const x = tf.tensor2d(b.x, [b.size, series.window]);
      const y = tf.tensor2d(b.y, [b.size, series.horizon]);
      const xi = tf.tensor2d(b.xi, [b.size, series.agents * series.xiWidth]);
      const loss = (f: tf.Tensor2D) => objectiveLoss(method, o, f, y, () => population.regretsTensor(f, y, xi));
      const t0 = performance.now();
      const f = model.forward(x);
      f.dataSync();
      const t1 = performance.now();
      tf.grad((g: tf.Tensor) => loss(g as tf.Tensor2D))(f).dataSync();
      const t2 = performance.now();
      const { value, grads } = tf.variableGrads(() => loss(model.forward(x)), model.variables as tf.Variable[]);
      value.dataSync();
      const t3 = performance.now();
      const applied = opts.clipNorm > 0 ? clipByGlobalNorm(grads, opts.clipNorm) : grads;
      optimizer.applyGradients(applied as unknown as Parameters<typeof optimizer.applyGradients>[0]);
      model.variables[0].dataSync();
      const t4 = performance.now();
      if (rep >= warmUp) {
        parts.forward.push(t1 - t0);
        parts.agents.push(t2 - t1);
        parts.grads.push(t3 - t2);
        parts.optimiser.push(t4 - t3);
        parts.step.push(t4 - t2);
      }
    });
  }
  optimizer.dispose();
  const forward = median(parts.forward);
  const agents = median(parts.agents);
  return {
    forward,
    backward: median(parts.grads) - forward - agents,
    agents,
    optimiser: median(parts.optimiser),
    step: median(parts.step),
    numTensorsBefore,
    numTensorsAfter: tf.memory().numTensors,
  };
}
