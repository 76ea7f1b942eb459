import * as tf from "@equitable/core/tf";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom, type TrainingObjective } from "@equitable/core";
import { createMlp, selectBackend } from "@equitable/model";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { objectiveLoss } from "./losses.js";
import { trainToEnd, sampleAgents } from "./train.js";
import { trainingMethods } from "@equitable/core";
import { world } from "./spec-fixtures.js";

beforeAll(async () => {
  await selectBackend("cpu");
});

/** ∇θ of the Equitable Objective on one batch: agents given by λ, ξ columns per agent, optional weights. */
function gradient(lambdas: number[], xiColumns: Float32Array[], weights: number[] | undefined, form: "power" | "norm", q: number): Float64Array {
  const population = new DatacenterPopulation({ lambdas });
  const model = createMlp({ window: 4, horizon: 1, hidden: 5, rng: createRandom(21) });
  const b = xiColumns[0].length;
  const rng = createRandom(22);
  const x = tf.tensor2d(Float32Array.from({ length: b * 4 }, () => 2 + rng.next()), [b, 4]);
  const y = tf.tensor2d(Float32Array.from({ length: b }, () => 2 + rng.next()), [b, 1]);
  const xi = tf.tensor2d(Float32Array.from({ length: b * lambdas.length }, (_, i) => xiColumns[i % lambdas.length][Math.floor(i / lambdas.length)]), [b, lambdas.length]);
  const w = weights ? tf.tensor1d(weights) : undefined;
  const method = trainingMethods.require("equitable", "method");
  const objective = { method: "equitable", q, beta: 0, form } as TrainingObjective;
  const { grads, value } = tf.variableGrads(() => {
    const forecast = model.forward(x);
    return objectiveLoss(method, objective, forecast, y, () => population.regretsTensor(forecast, y, xi), w);
  }, model.variables as tf.Variable[]);
  const out = Float64Array.from(model.variables.flatMap((v) => Array.from(grads[v.name].dataSync())));
  tf.dispose([x, y, xi, value, ...Object.values(grads), ...(w ? [w] : [])]);
  model.dispose();
  population.dispose();
  return out;
}

describe("population weights (Σ_m w_m·C̄_m^(q+1))", () => {
  const rng = createRandom(5);
  const col = () => Float32Array.from({ length: 16 }, () => 0.5 + rng.next());
  const a = col();
  const c = col();
  it.each([["power", 2], ["norm", 2], ["norm", 9], ["power", 0]] as const)(
    "weight w gives the same gradient as w copies of the agent (%s form, q = %d)",
    (form, q) => {
      const weighted = gradient([2, 40], [a, c], [3, 1], form, q);
      const copies = gradient([2, 2, 2, 40], [a, a, a, c], undefined, form, q);
      const unweighted = gradient([2, 40], [a, c], undefined, form, q);
      const scale = Math.max(...copies.map(Math.abs));
      copies.forEach((g, i) => expect(Math.abs(weighted[i] - g)).toBeLessThan(1e-5 * scale));
      // And the weight matters: one copy each is another gradient.
      expect(Math.max(...unweighted.map((g, i) => Math.abs(g - copies[i])))).toBeGreaterThan(1e-3 * scale);
    },
  );
});

describe("training.agentsPerStep", () => {
  it("samples K distinct agents of M, ascending, the same for the same seed", () => {
    const draw = (seed: number) => sampleAgents(createRandom(seed), 100_000, 64);
    const s = draw(1);
    expect(s).toHaveLength(64);
    expect(new Set(s).size).toBe(64);
    expect(Array.from(s).every((v, i) => v >= 0 && v < 100_000 && (i === 0 || v > s[i - 1]))).toBe(true);
    expect(draw(1)).toEqual(s);
    expect(draw(2)).not.toEqual(s);
  });

  it("is uniform: every agent of 10 is drawn about equally often, 3 at a time", () => {
    const rng = createRandom(3);
    const hits = new Array<number>(10).fill(0);
    const draws = 20_000;
    for (let i = 0; i < draws; i++) for (const j of sampleAgents(rng, 10, 3)) hits[j]++;
    // Expected 6000 each; binomial sd ≈ 65, so 400 is > 6 sd.
    for (const h of hits) expect(Math.abs(h - 6000)).toBeLessThan(400);
  });

  const options = { epochs: 2, batchSize: 64, learningRate: 0.02, lrStepEpochs: 50, lrGamma: 0.5, clipNorm: 5 };
  const equitable = { method: "equitable", q: 2, beta: 0, form: "norm" } as TrainingObjective;
  async function train(agentsPerStep: number | undefined): Promise<{ params: number[]; tensors: number[] }> {
    const w = world("sampled");
    const model = createMlp({ window: 12, horizon: 1, hidden: 6, rng: createRandom(7) });
    const epochs = await trainToEnd({ model, ...w, objective: equitable, options: { ...options, agentsPerStep }, rng: createRandom(8) });
    const params = model.variables.flatMap((v) => Array.from(v.dataSync()));
    model.dispose();
    w.population.dispose();
    return { params, tensors: epochs.map((e) => e.numTensors) };
  }

  it("with K ≥ M trains exactly as without it; with K < M trains another model, leaking no tensors", async () => {
    const all = await train(undefined);
    expect((await train(4)).params).toEqual(all.params);
    const sampled = await train(2);
    expect(sampled.params).not.toEqual(all.params);
    expect(sampled.params.every(Number.isFinite)).toBe(true);
    expect(new Set(sampled.tensors).size).toBe(1);
  });

  it("refuses to sample agents whose population cannot select", async () => {
    const w = world("no-select");
    const population = Object.assign(Object.create(Object.getPrototypeOf(w.population)), w.population, { select: undefined }) as DatacenterPopulation;
    const model = createMlp({ window: 12, horizon: 1, hidden: 6, rng: createRandom(7) });
    await expect(trainToEnd({ model, ...w, population, objective: equitable, options: { ...options, agentsPerStep: 2 }, rng: createRandom(8) })).rejects.toThrow(/cannot be sampled/);
    model.dispose();
    w.population.dispose();
  });
});

