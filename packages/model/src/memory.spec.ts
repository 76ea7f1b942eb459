import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createLstm } from "./lstm.js";
import { createMlp } from "./mlp.js";
import { createTransformer } from "./transformer.js";
import type { TrainableModel } from "./trainable-model.js";
import { describeBackends, uniform } from "./backends.spec-helper.js";

const WINDOW = 8;
const HORIZON = 2;
const BATCH = 16;
const makers: [string, () => TrainableModel][] = [
  ["lstm", () => createLstm({ window: WINDOW, horizon: HORIZON, hidden: 6, rng: createRandom(1) })],
  ["mlp", () => createMlp({ window: WINDOW, horizon: HORIZON, hidden: 6, rng: createRandom(1) })],
  ["transformer", () => createTransformer({ window: WINDOW, horizon: HORIZON, dModel: 8, heads: 2, ffHidden: 6, rng: createRandom(1) })],
];
/** Constant tensors a model keeps besides its variables (the transformer's positional encoding). */
const constants = (m: TrainableModel) => (m.kind === "transformer" ? 1 : 0);

describeBackends("tensor bookkeeping", () => {
  for (const [kind, make] of makers) {
    it(`${kind}: creating and disposing a model leaves exactly its variables, then nothing`, () => {
      const base = tf.memory();
      const m = make();
      expect(tf.memory().numTensors).toBe(base.numTensors + m.variables.length + constants(m));
      m.dispose();
      expect(tf.memory().numTensors).toBe(base.numTensors);
      expect(tf.memory().numBytes).toBe(base.numBytes);
    });

    it(`${kind}: predict and Adam training steps do not leak tensors`, () => {
      const base = tf.memory().numTensors;
      const m = make();
      const x = uniform(BATCH * WINDOW, 1, 0, 2);
      const y = uniform(BATCH * HORIZON, 2, 0.5, 1.5);
      const withModel = tf.memory().numTensors;

      m.predict(x, BATCH);
      m.predict(x, BATCH);
      expect(tf.memory().numTensors).toBe(withModel);

      const optimizer = tf.train.adam(0.05);
      const vars = [...m.variables];
      const withOptimizer = tf.memory().numTensors;
      const counts: number[] = [];
      const bytes: number[] = [];
      const losses: number[] = [];
      for (let step = 0; step < 6; step++) {
        const loss = tf.tidy(() => {
          const xs = tf.tensor2d(x, [BATCH, WINDOW]);
          const ys = tf.tensor2d(y, [BATCH, HORIZON]);
          const lossValue = () => tf.mean(tf.square(tf.sub(m.forward(xs), ys))) as tf.Scalar;
          const value = optimizer.minimize(lossValue, true, vars);
          // minimize(…, false, …) is what trainers call: it must not leak either.
          optimizer.minimize(lossValue, false, vars);
          return value!.dataSync()[0];
        });
        losses.push(loss);
        counts.push(tf.memory().numTensors);
        bytes.push(tf.memory().numBytes);
      }
      // The first step allocates Adam's slot variables (m and v) once per model variable…
      expect(counts[0]).toBe(withOptimizer + 2 * vars.length);
      // …and from then on nothing accumulates.
      expect(new Set(counts.slice(1))).toEqual(new Set([counts[0]]));
      expect(new Set(bytes.slice(1)).size).toBe(1);
      expect(losses[5]).toBeLessThan(losses[0]);

      m.predict(x, BATCH);
      expect(tf.memory().numTensors).toBe(counts[0]);
      optimizer.dispose();
      m.dispose();
      expect(tf.memory().numTensors).toBe(base);
    });
  }
});
