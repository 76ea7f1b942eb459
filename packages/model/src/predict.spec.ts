import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createLstm } from "./lstm.js";
import { createMlp } from "./mlp.js";
import type { TrainableModel } from "./trainable-model.js";
import { describeBackends, maxRelError, uniform } from "./backends.spec-helper.js";

const WINDOW = 5;
const HORIZON = 2;
const makers: [string, () => TrainableModel][] = [
  ["lstm", () => createLstm({ window: WINDOW, horizon: HORIZON, hidden: 6, rng: createRandom(1) })],
  ["mlp", () => createMlp({ window: WINDOW, horizon: HORIZON, hidden: 6, rng: createRandom(1) })],
];

describeBackends("predict", () => {
  for (const [kind, make] of makers) {
    it(`${kind}: rejects inputs whose length is not batch × window, and a bad batch size`, () => {
      const m = make();
      try {
        const before = tf.memory().numTensors;
        expect(() => m.predict(new Float32Array(3 * WINDOW - 1), 3)).toThrow(RangeError);
        expect(() => m.predict(new Float32Array(3 * WINDOW + 1), 3)).toThrow(RangeError);
        expect(() => m.predict(new Float32Array(3 * WINDOW), 2)).toThrow(RangeError);
        expect(() => m.predict(new Float32Array(WINDOW), 1.5)).toThrow(RangeError);
        expect(() => m.predict(new Float32Array(0), -1)).toThrow(RangeError);
        expect(() => m.predict(new Float32Array(0), Number.NaN)).toThrow(RangeError);
        expect(tf.memory().numTensors).toBe(before);
      } finally {
        m.dispose();
      }
    });

    it(`${kind}: an empty batch gives an empty result`, () => {
      const m = make();
      try {
        expect(m.predict(new Float32Array(0), 0)).toEqual(new Float32Array(0));
      } finally {
        m.dispose();
      }
    });

    it(`${kind}: a batch over the 1024-row chunk equals row-by-row prediction, without leaking tensors`, () => {
      const m = make();
      try {
        // 2·1024 + 77 rows: two full chunks and a partial one.
        const batch = 2 * 1024 + 77;
        const x = uniform(batch * WINDOW, 2, 0, 3);
        const before = tf.memory().numTensors;
        const all = m.predict(x, batch);
        expect(tf.memory().numTensors).toBe(before);
        expect(all).toBeInstanceOf(Float32Array);
        expect(all).toHaveLength(batch * HORIZON);
        const rows = new Float32Array(batch * HORIZON);
        for (let r = 0; r < batch; r++) rows.set(m.predict(x.subarray(r * WINDOW, (r + 1) * WINDOW), 1), r * HORIZON);
        expect(tf.memory().numTensors).toBe(before);
        // Bit-identical on cpu and wasm today; a kernel may legitimately sum in a batch-size
        // dependent order, so allow float32 rounding. A chunking error would be O(1).
        expect(maxRelError(all, rows)).toBeLessThan(1e-6);
        // The rows are not all alike, so a misplaced chunk would show.
        expect(new Set(Array.from(all.subarray(0, 50))).size).toBeGreaterThan(10);
      } finally {
        m.dispose();
      }
    });
  }
});
