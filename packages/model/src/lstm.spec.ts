import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createLstm } from "./lstm.js";
import { createModel } from "./create-model.js";
import {
  describeBackends, gradientCheck, maxRelError, randomiseParams, readParams, sigmoid, softplus, uniform,
  type ReferenceForward,
} from "./backends.spec-helper.js";
import "./register-kinds.spec-helper.js";

/**
 * Independent float64 LSTM: z = x_t·wx + h·wh + b, gates in order i, f, g, o;
 * c ← σ(f)·c + σ(i)·tanh(g), h ← σ(o)·tanh(c); ŷ = softplus(h·wo + bo).
 */
function lstmReference(window: number, hidden: number, horizon: number): ReferenceForward {
  const G = 4 * hidden;
  return ([wx, wh, b, wo, bo], x, batch) => {
    const out = new Float64Array(batch * horizon);
    const h = new Float64Array(hidden);
    const c = new Float64Array(hidden);
    const z = new Float64Array(G);
    for (let r = 0; r < batch; r++) {
      h.fill(0);
      c.fill(0);
      for (let t = 0; t < window; t++) {
        const xt = x[r * window + t];
        for (let q = 0; q < G; q++) {
          let s = xt * wx[q] + b[q];
          for (let p = 0; p < hidden; p++) s += h[p] * wh[p * G + q];
          z[q] = s;
        }
        for (let u = 0; u < hidden; u++) {
          const i = sigmoid(z[u]);
          const f = sigmoid(z[hidden + u]);
          const g = Math.tanh(z[2 * hidden + u]);
          const o = sigmoid(z[3 * hidden + u]);
          c[u] = f * c[u] + i * g;
          h[u] = o * Math.tanh(c[u]);
        }
      }
      for (let k = 0; k < horizon; k++) {
        let s = bo[k];
        for (let u = 0; u < hidden; u++) s += h[u] * wo[u * horizon + k];
        out[r * horizon + k] = softplus(s);
      }
    }
    return out;
  };
}

const SMALL = { window: 6, horizon: 3, hidden: 8 };
const PAPER = { window: 24, horizon: 4 }; // hidden left to its default, 50

describeBackends("createLstm (structure)", () => {
  it("defaults to the paper's hidden size 50 and lays out wx 1×4H, wh H×4H, b 4H, wo H×horizon, bo", () => {
    const m = createLstm({ ...PAPER, rng: createRandom(1) });
    try {
      // Created with the default hidden size (no `hidden` given).
      expect(m.kind).toBe("lstm");
      expect(m.spec).toEqual({ kind: "lstm", ...PAPER, hidden: 50 });
      expect(m.variables.map((v) => v.shape)).toEqual([[1, 200], [50, 200], [200], [50, 4], [4]]);
      expect(m.variables.every((v) => v.trainable && v.dtype === "float32")).toBe(true);
      // Forget-gate bias 1 (the second quarter of b), the other gates 0; head bias 0.
      const b = m.variables[2].dataSync();
      expect(Array.from(b.subarray(0, 50)).every((v) => v === 0)).toBe(true);
      expect(Array.from(b.subarray(50, 100)).every((v) => v === 1)).toBe(true);
      expect(Array.from(b.subarray(100)).every((v) => v === 0)).toBe(true);
      expect(Array.from(m.variables[4].dataSync())).toEqual([0, 0, 0, 0]);
    } finally {
      m.dispose();
    }
  });

  it("rejects sizes that are not positive integers", () => {
    const rng = createRandom(1);
    expect(() => createLstm({ window: 0, horizon: 1, rng })).toThrow(RangeError);
    expect(() => createLstm({ window: 4, horizon: 1.5, rng })).toThrow(RangeError);
    expect(() => createLstm({ window: 4, horizon: 1, hidden: -1, rng })).toThrow(RangeError);
  });

  it("lets two models with the same architecture coexist (distinct tfjs variable names)", () => {
    const a = createLstm({ ...SMALL, rng: createRandom(1) });
    const b = createLstm({ ...SMALL, rng: createRandom(1) });
    try {
      const names = [...a.variables, ...b.variables].map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});

describeBackends("createLstm", () => {
  for (const [label, cfg, batch] of [
    ["small", SMALL, 7],
    ["paper-sized", { ...PAPER, hidden: 50 }, 16],
  ] as const) {
    it(`forward and predict match the float64 reference (${label})`, () => {
      const m = createLstm({ ...cfg, rng: createRandom(2) });
      try {
        const x = uniform(batch * cfg.window, 3, 0, 2);
        const reference = lstmReference(cfg.window, cfg.hidden, cfg.horizon);
        // Once with the initial weights, once with every parameter (biases too) randomised.
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
    const m = createLstm({ ...SMALL, rng: createRandom(5) });
    try {
      randomiseParams(m.variables, 6);
      const batch = 5;
      const x = uniform(batch * SMALL.window, 7, 0, 2);
      const { errors, checked } = gradientCheck(m, lstmReference(SMALL.window, SMALL.hidden, SMALL.horizon), x, batch);
      expect(checked).toBe(m.variables.reduce((n, v) => n + v.size, 0));
      expect(Object.keys(errors)).toHaveLength(5);
      for (const [name, err] of Object.entries(errors)) expect(err, name).toBeLessThan(1e-4);
    } finally {
      m.dispose();
    }
  });

  it("variableGrads match central differences at the paper's size (sampled parameters)", () => {
    const cfg = { ...PAPER, hidden: 50 };
    const m = createLstm({ ...cfg, rng: createRandom(8) });
    try {
      const batch = 3;
      const x = uniform(batch * cfg.window, 9, 0, 2);
      const { errors } = gradientCheck(m, lstmReference(cfg.window, cfg.hidden, cfg.horizon), x, batch, { count: 150, seed: 10 });
      for (const [name, err] of Object.entries(errors)) expect(err, name).toBeLessThan(1e-4);
    } finally {
      m.dispose();
    }
  });

  it("is deterministic in its seed: same seed, same weights; another seed, other weights", () => {
    const weights = (seed: number) => {
      const m = createLstm({ ...SMALL, rng: createRandom(seed) });
      const values = m.variables.map((v) => Array.from(v.dataSync()));
      m.dispose();
      return values;
    };
    const a = weights(11);
    expect(weights(11)).toEqual(a);
    const b = weights(12);
    expect(b).not.toEqual(a);
    // Every weight matrix differs, not just one of them (biases start at fixed values).
    for (const k of [0, 1, 3]) expect(b[k]).not.toEqual(a[k]);
    // createModel builds the same model from the serialisable spec.
    const viaSpec = createModel({ kind: "lstm", ...SMALL }, createRandom(11));
    expect(viaSpec.variables.map((v) => Array.from(v.dataSync()))).toEqual(a);
    viaSpec.dispose();
  });
});
