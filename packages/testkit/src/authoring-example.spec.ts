// The worked example of docs/authoring-agents.md: a new agent kind, written from scratch, checked
// by the kit, then trained on. If this file changes, the guide changes with it.
import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { createRandom, trainingMethods, type AgentPopulation, type ContextSeries, type DifferentiablePopulation } from "@equitable/core";
import { createMlp } from "@equitable/model";
import { equitableMethod, trainToEnd } from "@equitable/trainer";
import { assertConformingPopulation } from "./index.js";

/**
 * Storage operators: operator m buys a_m = α_m·ŷ ahead of time and pays κ_m·(a_m − α_m·y)² for
 * the mismatch once y is known. Its optimum is a* = α_m·y, so regret = κ_m·α_m²·(ŷ − y)².
 * ξ per agent: [α_m] (its share of the signal); κ_m is fixed per agent.
 */
class StorageOperators implements DifferentiablePopulation {
  readonly kind = "storage";
  readonly differentiable = true;
  readonly xiWidth = 1;
  readonly ids: readonly string[];
  private readonly kappa: Float64Array;

  constructor(kappa: readonly number[]) {
    this.kappa = Float64Array.from(kappa);
    this.ids = kappa.map((_, m) => `storage-${m}`);
  }

  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, batch: number): Float64Array {
    const m = this.ids.length;
    const out = new Float64Array(batch * m);
    for (let b = 0; b < batch; b++) {
      const gap = forecast[b] - truth[b];
      for (let j = 0; j < m; j++) {
        const alpha = xi[b * m + j];
        out[b * m + j] = this.kappa[j] * alpha * alpha * gap * gap;
      }
    }
    return out;
  }

  regretsTensor(forecast: tf.Tensor2D, truth: tf.Tensor2D, xi: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const gap2 = tf.square(tf.sub(forecast, truth)); // B×1, broadcast over agents
      // tfjs takes no Float64Array: hand it float32.
      return tf.mul(tf.mul(tf.square(xi), tf.tensor1d(Float32Array.from(this.kappa))), gap2) as tf.Tensor2D;
    });
  }
}

const kappa = [1, 2, 5, 10];

describe("authoring a new agent kind (docs/authoring-agents.md)", () => {
  it("step 2: the population conforms", () => {
    const population: AgentPopulation = new StorageOperators(kappa);
    assertConformingPopulation(population, {
      seed: 1,
      horizon: 1,
      sampleXi: (rng, batch) => Float64Array.from({ length: batch * kappa.length }, () => 0.1 + rng.next()),
    });
  });

  it("step 3: the trainer takes it through the chain rule, and the Equitable PM lowers the loss", async () => {
    await tf.setBackend("cpu");
    // A program imports @equitable/preset; the kit sits below it, so this spec registers the one method it names.
    trainingMethods.register(equitableMethod);
    const n = 200;
    const window = 12;
    const rng = createRandom("example");
    const signal = Float32Array.from({ length: n + window }, (_, t) => 5 + 3 * Math.sin((2 * Math.PI * t) / 24) + 0.3 * rng.normal());
    const x = new Float32Array(n * window);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x.set(signal.subarray(i, i + window), i * window);
      y[i] = signal[i + window];
    }
    const xi = Float32Array.from({ length: n * kappa.length }, () => 0.1 + rng.next());
    const series: ContextSeries = { size: n, window, horizon: 1, agents: kappa.length, xiWidth: 1, t: Int32Array.from({ length: n }, (_, i) => i), x, y, xi };
    const model = createMlp({ window, horizon: 1, hidden: 8, rng: createRandom(2) });
    const epochs = await trainToEnd({
      model, series, rows: Int32Array.from({ length: n }, (_, i) => i), population: new StorageOperators(kappa),
      objective: { method: "equitable", q: 2, beta: 0, form: "norm" },
      options: { epochs: 5, batchSize: 50, learningRate: 0.01, lrStepEpochs: 10, lrGamma: 0.5, clipNorm: 5 },
      rng: createRandom(3),
    });
    expect(epochs[4].loss).toBeLessThan(epochs[0].loss);
    model.dispose();
  });
});
