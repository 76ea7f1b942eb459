// What q is for, where it has something to do. Every agent kind shipped so far has a cost affine
// in the signal, so all agents want the same forecast (the conditional mean) and q has little to
// trade (docs/design.md). Newsvendor agents do not: agent m orders its forecast ŷ and, once the
// demand y is known, regrets (p − c)·(y − ŷ)⁺ + c·(ŷ − y)⁺, a pinball loss at its critical ratio
// τ_m = (p − c)/p, so it wants the τ_m-quantile of y. One shared forecast must favour some of
// them, and Eq. 2 with a larger q should move it toward the worst off: spread down, mean up.
import * as tf from "@equitable/core/tf";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom, type ContextSeries } from "@equitable/core";
import { createMlp, selectBackend } from "@equitable/model";
import { evaluatePublicModel, type Evaluation } from "./evaluate.js";
import { trainToEnd } from "./train.js";
import type { DifferentiablePopulation } from "@equitable/core";

/** Newsvendors with price 1 and critical ratios τ_m; ξ is unused (width 1, zeros). */
class Newsvendors implements DifferentiablePopulation {
  readonly kind = "newsvendor";
  readonly differentiable = true;
  readonly xiWidth = 1;
  readonly ids: readonly string[];
  private readonly tau: Float32Array;

  constructor(tau: readonly number[]) {
    this.tau = Float32Array.from(tau);
    this.ids = tau.map((_, m) => `newsvendor-${m}`);
  }

  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, _xi: ArrayLike<number>, batch: number): Float64Array {
    const m = this.tau.length;
    const out = new Float64Array(batch * m);
    for (let b = 0; b < batch; b++) {
      const short = Math.max(0, truth[b] - forecast[b]);
      const over = Math.max(0, forecast[b] - truth[b]);
      for (let j = 0; j < m; j++) out[b * m + j] = this.tau[j] * short + (1 - this.tau[j]) * over;
    }
    return out;
  }

  regretsTensor(forecast: tf.Tensor2D, truth: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const tau = tf.tensor2d(this.tau, [1, this.tau.length]);
      const short = tf.relu(tf.sub(truth, forecast)); // B×1, broadcast over agents
      const over = tf.relu(tf.sub(forecast, truth));
      return tf.add(tf.mul(short, tau), tf.mul(over, tf.sub(1, tau))) as tf.Tensor2D;
    });
  }
}

const TAU = [0.5, 0.6, 0.7, 0.8, 0.9];
const WINDOW = 6;
const N = 1200;

/** A demand level the window shows (so the model has something to learn), plus noise it cannot know (σ = 1). */
function demandSeries(): ContextSeries {
  const rng = createRandom("newsvendor-demand");
  const x = new Float32Array(N * WINDOW);
  const y = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const level = 4 * rng.next() - 2;
    x.fill(level, i * WINDOW, (i + 1) * WINDOW);
    y[i] = level + rng.normal();
  }
  return { size: N, window: WINDOW, horizon: 1, agents: TAU.length, xiWidth: 1, t: Int32Array.from({ length: N }, (_, i) => i), x, y, xi: new Float32Array(N * TAU.length) };
}

describe("the Equitable Objective where agents want different forecasts (newsvendors)", () => {
  beforeAll(async () => {
    await selectBackend("cpu");
  });

  it("raising q lowers the across-agent variance and C95−C5 of mean regrets, at a cost in mean regret", async () => {
    const series = demandSeries();
    const train = Int32Array.from({ length: 800 }, (_, i) => i);
    const test = Int32Array.from({ length: N - 800 }, (_, i) => 800 + i);
    const population = new Newsvendors(TAU);
    const at = async (q: number): Promise<Evaluation> => {
      const model = createMlp({ window: WINDOW, horizon: 1, hidden: 8, rng: createRandom(1) });
      await trainToEnd({
        model, series, rows: train, population,
        objective: { method: "equitable", q, beta: 0, form: "norm" },
        options: { epochs: 40, batchSize: 100, learningRate: 0.02, lrStepEpochs: 20, lrGamma: 0.3, clipNorm: 5 },
        rng: createRandom(2),
      });
      const evaluation = await evaluatePublicModel(model, series, test, population);
      model.dispose();
      return evaluation;
    };
    const runs = [];
    for (const q of [0, 2, 9]) runs.push(await at(q));
    const [q0, q2, q9] = runs;
    expect(q2.variance).toBeLessThan(q0.variance);
    expect(q9.variance).toBeLessThan(q2.variance);
    expect(q2.c95MinusC5).toBeLessThan(q0.c95MinusC5);
    expect(q9.c95MinusC5).toBeLessThan(q2.c95MinusC5);
    // q = 0 minimises total regret, so equity is bought with a higher mean.
    expect(q9.mean).toBeGreaterThan(q0.mean);
    // Not a small effect lost in noise: the most equitable model halves the variance at least.
    expect(q9.variance).toBeLessThan(q0.variance / 2);
  }, 120_000);
});
