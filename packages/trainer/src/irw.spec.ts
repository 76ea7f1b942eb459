import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { createRandom, type ContextBatch, type ContextSeries } from "@equitable/core";
import { createMlp } from "@equitable/model";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { batchSampleGradients } from "./per-sample-gradients.js";
import { irwWeights } from "./irw-weights.js";
import { createSampleWeighting } from "./sample-weighting.js";
import { irwMethod } from "./irw-method.js";
import { linearModel, quadraticPopulation } from "./spec-fixtures/quadratic-population.js";

// Four ticks, two agents, window 2. ξ per (tick, agent) = (a, b): C = a + ½·b·(ŷ − y)².
const x = [[1, 2], [-1, 0.5], [0.3, -2], [2, 1]];
const y = [-2, -0.3, 1.1, 0.9];
const xi = [[[0, 1], [0.1, 2]], [[0.2, 0.5], [0, 3]], [[0, 1.5], [0.05, 0.2]], [[0.3, 1], [0, 0.7]]];
const w = [0.5, -1];
const c = 0.2;

function rows(xiRows = xi) {
  return { size: x.length, x: Float32Array.from(x.flat()), y: Float32Array.from(y), partXi: [Float32Array.from(xiRows.flat(2))] };
}

/** Closed form: ŷ_i = x_i·w + c, g_{i,m} = b_{i,m}·(ŷ_i − y_i)·[x_i, 1], C_{i,m} = a + ½·b·(ŷ_i − y_i)². */
function byHand(xiRows = xi, alpha = 0.25): { losses: number[]; grads: number[][]; scores: number[]; weights: number[] } {
  const losses: number[] = [];
  const grads: number[][] = [];
  x.forEach((xr, i) => {
    const r = xr[0] * w[0] + xr[1] * w[1] + c - y[i];
    for (const [a, b] of xiRows[i]) {
      losses.push(a + 0.5 * b * r * r);
      grads.push([b * r * xr[0], b * r * xr[1], b * r]);
    }
  });
  const k = Math.ceil(alpha * losses.length);
  const worst = losses.map((l, a) => [l, a]).sort((p, q) => q[0] - p[0]).slice(0, k).map(([, a]) => a);
  const gw = [0, 1, 2].map((d) => worst.reduce((s, a) => s + grads[a][d], 0));
  const scores = grads.map((g) => g[0] * gw[0] + g[1] * gw[1] + g[2] * gw[2]);
  const raw = scores.map((v) => Math.max(0, v));
  const total = raw.reduce((s, v) => s + v, 0);
  return { losses, grads, scores, weights: raw.map((v) => v / total) };
}

const quad = quadraticPopulation(2);
const part = [{ population: quad, first: 0, count: 2 }];

describe("IRW on a linear model with closed-form per-sample gradients", () => {
  for (const scope of ["last-layer", "full"] as const) {
    it(`per-sample gradients and IRW weights equal the hand-computed ones (${scope})`, () => {
      const model = linearModel(w, c);
      const { regrets, gradients } = batchSampleGradients(model, scope, part, 2, rows());
      const hand = byHand();
      Array.from(regrets).forEach((v, a) => expect(v).toBeCloseTo(hand.losses[a], 5));
      // ⟨g_a, e_d⟩ recovers each gradient coordinate (w₁, w₂, c).
      for (let d = 0; d < 3; d++) {
        const unit = Float64Array.from([0, 1, 2], (k) => (k === d ? 1 : 0));
        Array.from(gradients.project(unit)).forEach((v, a) => expect(v).toBeCloseTo(hand.grads[a][d], 5));
      }
      const weights = irwWeights(regrets, 0.25, gradients);
      // Some samples point against g_w here: max(0, ·) must zero them, not keep them negative.
      expect(hand.scores.filter((v) => v < 0).length).toBeGreaterThan(0);
      Array.from(weights).forEach((v, a) => expect(v).toBeCloseTo(hand.weights[a], 5));
      model.dispose();
    });
  }

  it("a sample with the largest loss but a zero gradient gets weight 0 (the paper's motivating case)", () => {
    const planted = xi.map((r) => r.map((p) => [...p]));
    planted[1][0] = [50, 0]; // a = 50, b = 0: by far the largest regret, flat in θ
    const model = linearModel(w, c);
    const { regrets, gradients } = batchSampleGradients(model, "last-layer", part, 2, rows(planted));
    expect(Math.max(...regrets)).toBe(regrets[2]);
    const weights = irwWeights(regrets, 0.25, gradients);
    expect(weights[2]).toBe(0);
    expect(weights.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const hand = byHand(planted);
    Array.from(weights).forEach((v, a) => expect(v).toBeCloseTo(hand.weights[a], 5));
    model.dispose();
  });

  it("per-sample gradients of an MLP match finite differences of each sample's regret (full model)", () => {
    const model = createMlp({ window: 2, horizon: 1, hidden: 3, rng: createRandom(3) });
    const { gradients } = batchSampleGradients(model, "full", part, 2, rows());
    const rng = createRandom(5);
    const v = Float64Array.from({ length: gradients.dimension }, () => rng.normal());
    const analytic = gradients.project(v);
    const regretsAt = (step: number): Float64Array => {
      const saved = model.variables.map((variable) => (variable.dataSync() as Float32Array).slice());
      let o = 0;
      for (const variable of model.variables) {
        const base = variable.dataSync() as Float32Array;
        variable.assign(tf.tensor(Float32Array.from(base, (b, k) => b + step * v[o + k]), variable.shape));
        o += variable.size;
      }
      const out = batchSampleGradients(model, "last-layer", part, 2, rows()).regrets;
      model.variables.forEach((variable, k) => variable.assign(tf.tensor(saved[k], variable.shape)));
      return out;
    };
    const h = 1e-2;
    const up = regretsAt(h);
    const down = regretsAt(-h);
    analytic.forEach((g, a) => expect(g).toBeCloseTo((up[a] - down[a]) / (2 * h), 2));
    // The last layer is a sub-vector of θ: its gradients are the full ones' tail.
    const last = batchSampleGradients(model, "last-layer", part, 2, rows()).gradients;
    const tail = new Float64Array(gradients.dimension);
    const u = Float64Array.from({ length: last.dimension }, () => rng.normal());
    tail.set(u, gradients.dimension - last.dimension);
    Array.from(last.project(u)).forEach((g, a) => expect(g).toBeCloseTo(gradients.project(tail)[a], 4));
    model.dispose();
  });
});

describe("IRW's stochastic schemes", () => {
  function tinySeries(): ContextSeries {
    const rng = createRandom(11);
    const size = 24;
    const m = 3;
    return {
      size, window: 4, horizon: 1, agents: m, xiWidth: 1,
      t: Int32Array.from({ length: size }, (_, i) => 100 + i),
      x: Float32Array.from({ length: size * 4 }, () => 1 + 4 * rng.next()),
      y: Float32Array.from({ length: size }, () => 1 + 4 * rng.next()),
      xi: Float32Array.from({ length: size * m }, () => 0.5 + 3 * rng.next()),
    };
  }
  function batchOf(series: ContextSeries, order: number[]): ContextBatch {
    const pick = (src: Float32Array, width: number) => Float32Array.from(order.flatMap((r) => Array.from(src.subarray(r * width, (r + 1) * width))));
    return { t: Int32Array.from(order, (r) => series.t[r]), size: order.length, x: pick(series.x, 4), y: pick(series.y, 1), xi: pick(series.xi, 3) };
  }

  it("global (top Nα of the epoch) and local (top Bα of the batch) agree when one batch holds every training row", () => {
    const series = tinySeries();
    const population = new DatacenterPopulation({ lambdas: [2, 10, 50] });
    const model = createMlp({ window: 4, horizon: 1, hidden: 5, rng: createRandom(2) });
    const rowsAll = Int32Array.from({ length: series.size }, (_, i) => i);
    const chain = [{ population, first: 0, count: 3 }];
    const make = (scheme: "local" | "global") => createSampleWeighting({
      model, method: irwMethod, objective: { method: "irw", alpha: 0.2, scheme, gradients: "last-layer", beta: 0 }, chain, agents: 3,
      partXi: (v) => v, series, rows: rowsAll, batchSize: series.size,
    })!;
    // The batch comes shuffled; global weights are looked up by tick, so the order must not matter.
    const order = Array.from(permuted(series.size));
    const batch = batchOf(series, order);
    const local = make("local")(batch, 0);
    const global = make("global")(batch, 0);
    expect(local.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
    expect(local.filter((v) => v > 0).length).toBeGreaterThan(3);
    Array.from(global).forEach((v, a) => expect(v).toBeCloseTo(local[a], 6));
    model.dispose();
    population.dispose?.();
  });

  it("the global scheme keeps an epoch's weights for that epoch (not recomputed per batch) and recomputes them the next", () => {
    const series = tinySeries();
    const population = new DatacenterPopulation({ lambdas: [2, 10, 50] });
    const model = createMlp({ window: 4, horizon: 1, hidden: 5, rng: createRandom(2) });
    const rowsAll = Int32Array.from({ length: series.size }, (_, i) => i);
    const weigh = createSampleWeighting({
      model, method: irwMethod, objective: { method: "irw", alpha: 0.2, scheme: "global", gradients: "last-layer", beta: 0 },
      chain: [{ population, first: 0, count: 3 }], agents: 3, partXi: (v) => v, series, rows: rowsAll, batchSize: 8,
    })!;
    const batch = batchOf(series, [0, 1, 2, 3, 4, 5, 6, 7]);
    const before = weigh(batch, 0);
    model.variables.forEach((v) => v.assign(tf.mul(v, 1.7)));
    expect(Array.from(weigh(batch, 0))).toEqual(Array.from(before));
    expect(Array.from(weigh(batch, 1))).not.toEqual(Array.from(before));
    model.dispose();
    population.dispose?.();
  });
});

function* permuted(n: number): Generator<number> {
  const rng = createRandom(7);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  yield* order;
}
