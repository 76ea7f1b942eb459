import * as tf from "@equitable/core/tf";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createLstm, selectBackend } from "@equitable/model";
import { clipByGlobalNorm } from "./clip.js";
import { createFusedAdam, createTfjsAdam } from "./fused-adam.js";
import { evaluatePublicModel } from "./evaluate.js";
import { trainToEnd } from "./train.js";
import { world } from "./spec-fixtures.js";

/** max |a − b| / max |b|. */
function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

describe.each(["wasm", "cpu"] as const)("fused Adam against tf.train.adam [%s]", (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it("takes the same steps, with and without clipping, across a learning-rate change", () => {
    const rng = createRandom(1);
    const shapes = [[3, 5], [5], [1]];
    const init = shapes.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()));
    const make = (tag: string) => shapes.map((s, k) => tf.variable(tf.tensor(init[k], s), true, `adam-spec-${backend}-${tag}-${k}`));
    const a = make("fused");
    const b = make("tfjs");
    const fused = createFusedAdam(a, 0.05);
    const ref = createTfjsAdam(clipByGlobalNorm, 0.05);
    try {
      for (let step = 0; step < 8; step++) {
        // Large gradients on even steps (clipped to norm 1), small ones on odd steps (not clipped).
        const scale = step % 2 === 0 ? 10 : 0.01;
        const g = shapes.map((_, k) => Float32Array.from(init[k], () => scale * rng.normal()));
        if (step === 4) fused.learningRate = ref.learningRate = 0.01;
        tf.tidy(() => {
          fused.step(Object.fromEntries(a.map((v, k) => [v.name, tf.tensor(g[k], shapes[k])])), 1);
          ref.step(Object.fromEntries(b.map((v, k) => [v.name, tf.tensor(g[k], shapes[k])])), 1);
        });
        // Float32 moments both; tfjs rounds each op to float32, the fused loop only its stores.
        a.forEach((v, k) => expect(scaledError(v.dataSync(), b[k].dataSync()), `step ${step} variable ${k}`).toBeLessThan(1e-5));
      }
      expect(a[0].dataSync()).not.toEqual(init[0]);
    } finally {
      fused.dispose();
      ref.dispose();
      [...a, ...b].forEach((v) => v.dispose());
    }
  });
});

describe("the fast training path against the reference path", () => {
  beforeAll(async () => {
    await selectBackend("wasm");
  });

  it("LSTM kernel + fused Adam and tfjs-ops LSTM + tf.train.adam give the same loss per epoch and final metrics", async () => {
    const run = async (fast: boolean) => {
      const w = world("fast-vs-reference");
      const model = createLstm({ window: 12, horizon: 1, hidden: 16, rng: createRandom(1), implementation: fast ? "kernel" : "ops" });
      const epochs = await trainToEnd({
        model, ...w, objective: { method: "equitable", q: 0.5, beta: 0, form: "norm" },
        options: { epochs: 4, batchSize: 64, learningRate: 0.02, lrStepEpochs: 2, lrGamma: 0.5, clipNorm: 5 },
        rng: createRandom(2), optimizer: fast ? "fused" : "tfjs",
      });
      const ev = await evaluatePublicModel(model, w.series, w.test, w.population);
      model.dispose();
      w.population.dispose();
      return { loss: epochs.map((e) => e.loss), ev };
    };
    const fast = await run(true);
    const ref = await run(false);
    // Float32 throughout; the two differ by rounding order only (~1e-7 per step), which 4 epochs of Adam grow to ~1e-5.
    expect(scaledError(fast.loss, ref.loss)).toBeLessThan(1e-4);
    expect(scaledError(fast.ev.agentMeanRegrets, ref.ev.agentMeanRegrets)).toBeLessThan(1e-3);
    expect(Math.abs(fast.ev.mse - ref.ev.mse) / ref.ev.mse).toBeLessThan(1e-3);
  });
});
