import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createMlp } from "./mlp.js";
import { createModel } from "./create-model.js";
import {
  describeBackends, gradientCheck, maxRelError, randomiseParams, readParams, softplus, uniform,
  type ReferenceForward,
} from "./backends.spec-helper.js";
import "./register-kinds.spec-helper.js";

/** Independent float64 MLP: ŷ = softplus(relu(x·w1 + b1)·w2 + b2). */
function mlpReference(window: number, hidden: number, horizon: number): ReferenceForward {
  return ([w1, b1, w2, b2], x, batch) => {
    const out = new Float64Array(batch * horizon);
    const a = new Float64Array(hidden);
    for (let r = 0; r < batch; r++) {
      for (let u = 0; u < hidden; u++) {
        let s = b1[u];
        for (let t = 0; t < window; t++) s += x[r * window + t] * w1[t * hidden + u];
        a[u] = Math.max(s, 0);
      }
      for (let k = 0; k < horizon; k++) {
        let s = b2[k];
        for (let u = 0; u < hidden; u++) s += a[u] * w2[u * horizon + k];
        out[r * horizon + k] = softplus(s);
      }
    }
    return out;
  };
}

const SMALL = { window: 6, horizon: 3, hidden: 10 };
const DEFAULT = { window: 24, horizon: 4 }; // hidden left to its default, 64

describeBackends("createMlp", () => {
  it("defaults to 64 hidden units and lays out w1 window×H, b1 H, w2 H×horizon, b2 horizon", () => {
    const m = createMlp({ ...DEFAULT, rng: createRandom(1) });
    try {
      expect(m.kind).toBe("mlp");
      expect(m.spec).toEqual({ kind: "mlp", ...DEFAULT, hidden: 64 });
      expect(m.variables.map((v) => v.shape)).toEqual([[24, 64], [64], [64, 4], [4]]);
      expect(m.variables.every((v) => v.trainable && v.dtype === "float32")).toBe(true);
    } finally {
      m.dispose();
    }
  });

  it("rejects sizes that are not positive integers", () => {
    expect(() => createMlp({ window: 3, horizon: 0, rng: createRandom(1) })).toThrow(RangeError);
    expect(() => createMlp({ window: 3, horizon: 1, hidden: 2.5, rng: createRandom(1) })).toThrow(RangeError);
  });

  for (const [label, cfg, batch] of [
    ["small", SMALL, 9],
    ["default-sized", { ...DEFAULT, hidden: 64 }, 32],
  ] as const) {
    it(`forward and predict match the float64 reference (${label})`, () => {
      const m = createMlp({ ...cfg, rng: createRandom(2) });
      try {
        const x = uniform(batch * cfg.window, 3, -1, 2);
        const reference = mlpReference(cfg.window, cfg.hidden, cfg.horizon);
        for (const randomise of [false, true]) {
          if (randomise) randomiseParams(m.variables, 4);
          const expected = reference(readParams(m.variables), x, batch);
          const viaForward = tf.tidy(() => m.forward(tf.tensor2d(x, [batch, cfg.window])).dataSync().slice());
          expect(maxRelError(viaForward, expected)).toBeLessThan(1e-4);
          expect(maxRelError(m.predict(x, batch), expected)).toBeLessThan(1e-4);
        }
      } finally {
        m.dispose();
      }
    });
  }

  it("variableGrads of mean(forward) match central differences of the reference (every parameter)", () => {
    const m = createMlp({ ...SMALL, rng: createRandom(5) });
    try {
      randomiseParams(m.variables, 6);
      const batch = 6;
      const x = uniform(batch * SMALL.window, 7, -1, 2);
      const { errors, checked } = gradientCheck(m, mlpReference(SMALL.window, SMALL.hidden, SMALL.horizon), x, batch);
      expect(checked).toBe(m.variables.reduce((n, v) => n + v.size, 0));
      expect(Object.keys(errors)).toHaveLength(4);
      for (const [name, err] of Object.entries(errors)) expect(err, name).toBeLessThan(1e-4);
    } finally {
      m.dispose();
    }
  });

  it("is deterministic in its seed: same seed, same weights; another seed, other weights", () => {
    const weights = (seed: number) => {
      const m = createMlp({ ...SMALL, rng: createRandom(seed) });
      const values = m.variables.map((v) => Array.from(v.dataSync()));
      m.dispose();
      return values;
    };
    const a = weights(11);
    expect(weights(11)).toEqual(a);
    const b = weights(12);
    for (const k of [0, 2]) expect(b[k]).not.toEqual(a[k]);
    const viaSpec = createModel({ kind: "mlp", ...SMALL }, createRandom(11));
    expect(viaSpec.variables.map((v) => Array.from(v.dataSync()))).toEqual(a);
    viaSpec.dispose();
  });
});
