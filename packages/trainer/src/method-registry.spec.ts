import * as tf from "@equitable/core/tf";
import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MixedPopulation, createRandom, populationParts, trainingMethods, type AgentPopulation, type ContextBatch, type TrainingMethod,
  type TrainingObjective,
} from "@equitable/core";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { createGaussianPolicy, createMlp, selectBackend } from "@equitable/model";
import { createRoutedStep } from "./routed-step.js";
import { trainToEnd } from "./train.js";
import { evaluatePublicModel } from "./evaluate.js";
import { world } from "./spec-fixtures.js";
import { smoothMax } from "./spec-fixtures/smooth-max-method.js";
import "./register-methods.spec-helper.js";

/** L = C̄_j: all weight on one agent and no tensor loss, so only the surrogate can train it. */
function focusOn(j: number | "none"): TrainingMethod {
  return {
    name: `focus-${j}`, label: `Focus ${j}`, description: "one agent's mean regret (test only)",
    params: z.object({ method: z.string() }).passthrough() as never,
    usesRegrets: true, jobs: () => [], mseWeight: () => 0,
    value: (means) => (j === "none" ? 0 : means[j]),
    weights: (means) => Float64Array.from(means, (_, k) => (k === j ? 1 : 0)),
    summary: () => ({ q: null, qPlusOne: null, beta: null }),
  };
}

const options = { epochs: 4, batchSize: 64, learningRate: 0.02, lrStepEpochs: 10, lrGamma: 0.5, clipNorm: 5 };

describe("the training-method registry", () => {
  beforeAll(async () => {
    await selectBackend("cpu");
    trainingMethods.register(smoothMax, "method-registry.spec");
  });
  afterAll(() => trainingMethods.unregister(smoothMax.name));

  const regretMethods = () => trainingMethods.values().filter((m) => m.usesRegrets && m.tensorLoss);
  const objectivesOf = (m: TrainingMethod): TrainingObjective[] =>
    m.name === "equitable"
      ? [0, 1, 2.5, 9].flatMap((q) => (["norm", "power"] as const).map((form) => ({ method: "equitable", q, beta: 0, form })))
      : [m.params.parse({ method: m.name }) as TrainingObjective];

  it("every method's tensor loss equals its float64 value, and its weights are the gradient of both", () => {
    expect(regretMethods().map((m) => m.name)).toEqual(["equitable", "smooth-max"]);
    for (const method of regretMethods()) {
      for (const objective of objectivesOf(method)) {
        fc.assert(
          fc.property(fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }), (list) => {
            const means = Float64Array.from(list);
            const value = method.value!(means, objective);
            const weights = method.weights!(means, objective);
            const [tensorValue, tensorGrad] = tf.tidy(() => {
              const t = tf.tensor1d(Float32Array.from(means));
              const v = method.tensorLoss!(t, objective);
              const g = tf.grad((x: tf.Tensor) => method.tensorLoss!(x as tf.Tensor1D, objective))(t);
              return [v.dataSync()[0], Array.from(g.dataSync())];
            });
            const scale = Math.max(1, Math.abs(value));
            expect(Math.abs(tensorValue - value) / scale).toBeLessThan(1e-4);
            means.forEach((_, k) => {
              const h = 1e-6 * Math.max(1, means[k]);
              const up = Float64Array.from(means);
              const down = Float64Array.from(means);
              up[k] += h;
              down[k] -= h;
              const fd = (method.value!(up, objective) - method.value!(down, objective)) / (2 * h);
              const w = Math.max(1, Math.abs(weights[k]));
              expect(Math.abs(fd - weights[k]) / w).toBeLessThan(1e-4);
              expect(Math.abs(tensorGrad[k] - weights[k]) / w).toBeLessThan(2e-3);
            });
          }),
          { seed: 11, numRuns: 30 },
        );
      }
    }
  });

  it("a method registered from a spec trains by name, and lowers its own objective", async () => {
    const w = world("smooth-max");
    const model = createMlp({ window: 12, horizon: 1, hidden: 8, rng: createRandom(5) });
    const objective = { method: "smooth-max", temperature: 0.05 };
    const before = await evaluatePublicModel(model, w.series, w.rows, w.population);
    const epochs = await trainToEnd({ model, ...w, objective, options, rng: createRandom(2) });
    const after = await evaluatePublicModel(model, w.series, w.rows, w.population);
    expect(epochs).toHaveLength(options.epochs);
    expect(after.worst).toBeLessThan(before.worst);
    model.dispose();
  });

  it("refuses an unknown method, naming the known ones", async () => {
    const w = world("unknown");
    const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(1) });
    await expect(trainToEnd({ model, ...w, objective: { method: "nope" }, options, rng: createRandom(1) })).rejects.toThrow(
      /objective\.method: unknown training method 'nope' \(known: plain, equitable, cvar, qffl, irw, irwo, smooth-max\)/,
    );
    model.dispose();
  });
});

describe("the routed step applies the method's weights", () => {
  beforeAll(async () => {
    await selectBackend("cpu");
  });

  const w = world("weights");
  const dc = w.population;
  const batch: ContextBatch = {
    t: w.series.t.subarray(0, 32), size: 32, x: w.series.x.subarray(0, 32 * 12), y: w.series.y.subarray(0, 32), xi: w.series.xi.subarray(0, 32 * 4),
  };
  // Two kinds side by side force the routed step even though each is differentiable.
  const halves = new MixedPopulation([
    new DatacenterPopulation({ lambdas: Array.from(dc.lambdas.subarray(0, 2)), ids: ["a0", "a1"] }),
    new DatacenterPopulation({ lambdas: Array.from(dc.lambdas.subarray(2)), ids: ["b0", "b1"] }),
  ]);
  const blackBox: AgentPopulation = { kind: "blackbox", ids: dc.ids, xiWidth: 1, differentiable: false, regrets: (f, y, xi, b) => dc.regrets(f, y, xi, b) };

  /** The gradient one routed step hands to the optimiser, flattened. */
  function stepGrads(population: AgentPopulation, method: TrainingMethod, route: "chain" | "pg"): number[] {
    const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(9) });
    const policy = route === "pg" ? createGaussianPolicy(model, { kind: "fixed", value: 0.3 }) : undefined;
    const parts = populationParts(population);
    const step = createRoutedStep({
      model, policy, population, method, objective: { method: method.name },
      chain: route === "chain" ? parts : [], pg: route === "pg" ? parts : [],
      options: { route: "auto", estimator: "reinforce-baseline", samples: 4, baseline: "leave-one-out", std: { kind: "fixed", value: 0.3 } },
      rng: createRandom(4), epochs: 1,
    });
    let out: number[] = [];
    step(batch, 0, (grads) => {
      out = Object.keys(grads).sort().flatMap((k) => Array.from(grads[k].dataSync()));
    });
    policy?.dispose();
    model.dispose();
    return out;
  }

  /** ∇θ C̄_j through the model directly (tf.grad), flattened like stepGrads. */
  function directGrad(j: number): number[] {
    const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(9) });
    const out = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, 12]);
      const y = tf.tensor2d(batch.y, [batch.size, 1]);
      const xi = tf.tensor2d(batch.xi, [batch.size, 4]);
      const { grads } = tf.variableGrads(() => tf.mean(tf.slice(dc.regretsTensor(model.forward(x), y, xi), [0, j], [-1, 1])) as tf.Scalar, model.variables as tf.Variable[]);
      return Object.keys(grads).sort().flatMap((k) => Array.from(grads[k].dataSync()));
    });
    model.dispose();
    return out;
  }

  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const distance = (a: number[], b: number[]) => norm(a.map((x, i) => x - b[i]));

  it("chain rule across kinds: the gradient is Σ_m w_m·∇C̄_m with the method's w (one-hot → that agent's own gradient)", () => {
    for (const j of [0, 3]) {
      const routed = stepGrads(halves, focusOn(j), "chain");
      const direct = directGrad(j);
      expect(distance(routed, direct) / norm(direct)).toBeLessThan(1e-4);
    }
  });

  /** CVaR_α of samples: the mean over the worst ⌈αB⌉ samples of their mean regret across agents (test only). */
  const cvar: TrainingMethod = {
    name: "cvar-test", label: "CVaR", description: "worst-α samples (test only)",
    params: z.object({ method: z.string() }).passthrough() as never,
    usesRegrets: true, jobs: () => [], mseWeight: () => 0,
    perSample: {
      value: (regrets, rows, agents) => worstRows(regrets, rows, agents).reduce((s, r) => s + rowMean(regrets, r, agents), 0) / Math.ceil(0.25 * rows),
      weights: (regrets, rows, agents) => {
        const out = new Float64Array(rows * agents);
        for (const r of worstRows(regrets, rows, agents)) out.fill(1 / (Math.ceil(0.25 * rows) * agents), r * agents, (r + 1) * agents);
        return out;
      },
    },
    summary: () => ({ q: null, qPlusOne: null, beta: null }),
  };
  function rowMean(regrets: Float64Array, r: number, agents: number): number {
    let s = 0;
    for (let j = 0; j < agents; j++) s += regrets[r * agents + j];
    return s / agents;
  }
  function worstRows(regrets: Float64Array, rows: number, agents: number): number[] {
    const order = Array.from({ length: rows }, (_, r) => r).sort((a, b) => rowMean(regrets, b, agents) - rowMean(regrets, a, agents));
    return order.slice(0, Math.ceil(0.25 * rows));
  }

  it("a per-sample method (CVaR of samples) gets Σ_{i,m} W_{i,m}·∇C_{i,m}: the gradient of its own value", () => {
    const routed = stepGrads(halves, cvar, "chain");
    const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(9) });
    const direct = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, 12]);
      const y = tf.tensor2d(batch.y, [batch.size, 1]);
      const xi = tf.tensor2d(batch.xi, [batch.size, 4]);
      const worst = worstRows(Float64Array.from(dc.regretsTensor(model.forward(x), y, xi).dataSync()), batch.size, 4);
      const { grads } = tf.variableGrads(() => {
        const perRow = tf.mean(dc.regretsTensor(model.forward(x), y, xi), 1);
        return tf.mean(tf.gather(perRow, tf.tensor1d(worst, "int32"))) as tf.Scalar;
      }, model.variables as tf.Variable[]);
      return Object.keys(grads).sort().flatMap((k) => Array.from(grads[k].dataSync()));
    });
    model.dispose();
    expect(distance(routed, direct) / norm(direct)).toBeLessThan(1e-4);
  });

  it("a per-sample method refuses agents that need policy gradient, saying why", async () => {
    trainingMethods.register(cvar, "method-registry.spec");
    try {
      const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(1) });
      await expect(trainToEnd({
        model, series: w.series, rows: w.rows, population: blackBox, objective: { method: "cvar-test" }, options,
        policyGradient: { route: "auto", estimator: "reinforce-baseline", samples: 4, baseline: "leave-one-out", std: { kind: "fixed", value: 0.3 } },
        rng: createRandom(1),
      })).rejects.toThrow(/methods: method 'cvar-test' trains through the chain-rule route only; agents of kind '.*' are not differentiable and need policy gradient/);
      model.dispose();
    } finally {
      trainingMethods.unregister(cvar.name);
    }
  });

  it("policy gradient: zero weights give a zero gradient, and one-hot weights on different agents give different ones", () => {
    expect(norm(stepGrads(blackBox, focusOn("none"), "pg"))).toBe(0);
    const g0 = stepGrads(blackBox, focusOn(0), "pg");
    const g3 = stepGrads(blackBox, focusOn(3), "pg");
    expect(norm(g0)).toBeGreaterThan(0);
    expect(distance(g0, g3) / Math.max(norm(g0), norm(g3))).toBeGreaterThan(0.1);
  });
});
