import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { createRandom, trainingMethods, type ContextBatch } from "@equitable/core";
import { cvarMethod } from "./cvar-method.js";
import { qfflMethod } from "./qffl-method.js";
import { irwMethod } from "./irw-method.js";
import { equitableAgentWeights, equitableLossValue } from "./agent-weights.js";
import { createRoutedStep } from "./routed-step.js";
import { batchSampleGradients } from "./per-sample-gradients.js";
import { irwWeights } from "./irw-weights.js";
import { linearModel, quadraticPopulation } from "./spec-fixtures/quadratic-population.js";
import "./register-methods.spec-helper.js";

/** Central differences of f at v, coordinate by coordinate. */
function numericGradient(f: (v: Float64Array) => number, v: Float64Array, h = 1e-6): Float64Array {
  return v.map((_, k) => {
    const up = Float64Array.from(v);
    const down = Float64Array.from(v);
    up[k] += h;
    down[k] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

const rng = createRandom(21);
// Distinct values: CVaR is differentiable away from ties of the α-quantile.
const regrets = Float64Array.from({ length: 6 * 5 }, () => 0.1 + 2 * rng.next());
const means = Float64Array.from({ length: 7 }, () => 0.2 + rng.next());

describe("the new methods' losses against finite differences", () => {
  it("CVaR_α: weights are ∂value/∂C_{i,m} (1/⌈αN⌉ on the worst fraction)", () => {
    const o = cvarMethod.params.parse({ method: "cvar", alpha: 0.2 });
    const weights = cvarMethod.perSample!.weights(regrets, 6, 5, o);
    const fd = numericGradient((v) => cvarMethod.perSample!.value(v, 6, 5, o), regrets);
    weights.forEach((w, k) => expect(w).toBeCloseTo(fd[k], 6));
    expect(weights.filter((w) => w > 0)).toHaveLength(6); // ⌈0.2·30⌉
  });

  it("q-FFL: weights are ∂f_q/∂C̄_k, and f_q is the Equitable power form over M·(q+1)", () => {
    for (const q of [0, 1, 4]) {
      const o = qfflMethod.params.parse({ method: "qffl", q });
      const fd = numericGradient((v) => qfflMethod.value!(v, o), means);
      qfflMethod.weights!(means, o).forEach((w, k) => expect(w).toBeCloseTo(fd[k], 6));
      expect(qfflMethod.value!(means, o)).toBeCloseTo(equitableLossValue(means, q + 1, "power") / (means.length * (q + 1)), 12);
      const eq = equitableAgentWeights(means, q + 1, "power");
      qfflMethod.weights!(means, o).forEach((w, k) => expect(w).toBeCloseTo(eq[k] / (means.length * (q + 1)), 12));
    }
  });

  it("IRW's step descends Σ_a w_a·C_a with the weights frozen: its gradient equals that sum's finite differences", () => {
    const population = quadraticPopulation(2);
    const wts = [0.5, -1];
    const model = linearModel(wts, 0.2);
    const x = [[1, 2], [-1, 0.5], [0.3, -2], [2, 1]];
    const y = [-2, -0.3, 1.1, 0.9];
    const xi = [0, 1, 0.1, 2, 0.2, 0.5, 0, 3, 0, 1.5, 0.05, 0.2, 0.3, 1, 0, 0.7];
    const batch: ContextBatch = { t: Int32Array.from([0, 1, 2, 3]), size: 4, x: Float32Array.from(x.flat()), y: Float32Array.from(y), xi: Float32Array.from(xi) };
    const chain = [{ population, first: 0, count: 2 }];
    const objective = irwMethod.params.parse({ method: "irw", alpha: 0.25 });
    const { regrets: c, gradients } = batchSampleGradients(model, "last-layer", chain, 2, { size: 4, x: batch.x, y: batch.y, partXi: [batch.xi] });
    const weights = irwWeights(c, 0.25, gradients);
    const step = createRoutedStep({ model, policy: undefined, population, method: trainingMethods.require("irw", "objective.method"), objective, chain, pg: [], options: undefined, rng: createRandom(1), epochs: 1 });
    let grad: number[] = [];
    const tensors = tf.memory().numTensors;
    step(batch, 0, (g) => {
      grad = [...Array.from(g[model.variables[0].name].dataSync()), ...Array.from(g[model.variables[1].name].dataSync())];
    });
    // Σ_a w_a C_a(θ) in float64 for θ = (w₁, w₂, c), the weights held fixed.
    const weighted = (theta: Float64Array): number => {
      const f = x.map((r) => r[0] * theta[0] + r[1] * theta[1] + theta[2]);
      const cs = population.regrets(f, y, xi, 4);
      return cs.reduce((s, v, a) => s + weights[a] * v, 0);
    };
    expect(tf.memory().numTensors).toBe(tensors); // per-sample gradients leak nothing
    const fd = numericGradient(weighted, Float64Array.from([...wts, 0.2]));
    grad.forEach((g, k) => expect(g).toBeCloseTo(fd[k], 4));
    const combined = gradients.combine(weights);
    grad.forEach((g, k) => expect(g).toBeCloseTo(combined[k], 4));
    model.dispose();
  });
});
