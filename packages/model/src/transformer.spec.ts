import * as tf from "@equitable/core/tf";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createTransformer } from "./transformer.js";
import { createModel } from "./create-model.js";
import { parameterName } from "./init.js";
import { loadModel, saveModel } from "./save-load.js";
import type { TrainableModel } from "./trainable-model.js";
import {
  describeBackends, gradientCheck, maxRelError, randomiseParams, readParams, uniform,
  type ReferenceForward,
} from "./backends.spec-helper.js";
import "./register-kinds.spec-helper.js";

interface Config {
  window: number;
  horizon: number;
  dModel: number;
  heads: number;
  ffHidden: number;
}

/** Float64 LayerNorm of one row in place: (v − mean)/√(var + 1e-5)·g + b, biased variance. */
function layerNormRow(v: Float64Array, g: Float64Array, b: Float64Array): void {
  const n = v.length;
  let mean = 0;
  for (const a of v) mean += a;
  mean /= n;
  let variance = 0;
  for (const a of v) variance += (a - mean) ** 2;
  variance /= n;
  const inv = 1 / Math.sqrt(variance + 1e-5);
  for (let j = 0; j < n; j++) v[j] = (v[j] - mean) * inv * g[j] + b[j];
}

/**
 * Independent float64 encoder layer, token by token and head by head:
 * e_t = x_t·w_e + b_e + PE_t; q, k, v from one d×3d projection (columns q | k | v, heads
 * contiguous inside each); softmax(q·kᵀ/√dh)·v per head, output projection; post-LN residuals
 * around attention and ReLU FFN; flattened tokens into a linear head.
 */
function transformerReference({ window: T, horizon, dModel: d, heads, ffHidden: F }: Config): ReferenceForward {
  const dh = d / heads;
  return ([ew, eb, wqkv, bqkv, wo, bo, g1, c1, w1, b1, w2, b2, g2, c2, hw, hb], x, batch) => {
    const out = new Float64Array(batch * horizon);
    for (let r = 0; r < batch; r++) {
      const e = Array.from({ length: T }, (_, t) => {
        const row = new Float64Array(d);
        for (let j = 0; j < d; j++) {
          const angle = t / 10000 ** ((2 * Math.floor(j / 2)) / d);
          row[j] = x[r * T + t] * ew[j] + eb[j] + (j % 2 === 0 ? Math.sin(angle) : Math.cos(angle));
        }
        return row;
      });
      const qkv = e.map((row) => {
        const o = new Float64Array(3 * d);
        for (let c = 0; c < 3 * d; c++) {
          let s = bqkv[c];
          for (let j = 0; j < d; j++) s += row[j] * wqkv[j * 3 * d + c];
          o[c] = s;
        }
        return o;
      });
      const ctx = Array.from({ length: T }, () => new Float64Array(d));
      for (let h = 0; h < heads; h++) {
        for (let t = 0; t < T; t++) {
          const scores = new Float64Array(T);
          for (let s = 0; s < T; s++) {
            let dot = 0;
            for (let i = 0; i < dh; i++) dot += qkv[t][h * dh + i] * qkv[s][d + h * dh + i];
            scores[s] = dot / Math.sqrt(dh);
          }
          const top = Math.max(...scores);
          let norm = 0;
          for (let s = 0; s < T; s++) norm += Math.exp(scores[s] - top);
          for (let s = 0; s < T; s++) {
            const p = Math.exp(scores[s] - top) / norm;
            for (let i = 0; i < dh; i++) ctx[t][h * dh + i] += p * qkv[s][2 * d + h * dh + i];
          }
        }
      }
      for (let t = 0; t < T; t++) {
        const h1 = new Float64Array(d);
        for (let j = 0; j < d; j++) {
          let s = bo[j];
          for (let c = 0; c < d; c++) s += ctx[t][c] * wo[c * d + j];
          h1[j] = e[t][j] + s;
        }
        layerNormRow(h1, g1, c1);
        const inner = new Float64Array(F);
        for (let u = 0; u < F; u++) {
          let s = b1[u];
          for (let j = 0; j < d; j++) s += h1[j] * w1[j * F + u];
          inner[u] = Math.max(s, 0);
        }
        const z = new Float64Array(d);
        for (let j = 0; j < d; j++) {
          let s = b2[j];
          for (let u = 0; u < F; u++) s += inner[u] * w2[u * d + j];
          z[j] = h1[j] + s;
        }
        layerNormRow(z, g2, c2);
        for (let k = 0; k < horizon; k++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += z[j] * hw[(t * d + j) * horizon + k];
          out[r * horizon + k] += s;
        }
      }
      for (let k = 0; k < horizon; k++) out[r * horizon + k] += hb[k];
    }
    return out;
  };
}

const TINY: Config = { window: 4, horizon: 3, dModel: 6, heads: 2, ffHidden: 5 };
const MEDIUM: Config = { window: 12, horizon: 4, dModel: 40, heads: 4, ffHidden: 24 };
const NAMES = [
  "embed/w", "embed/b", "attn/wqkv", "attn/bqkv", "attn/wo", "attn/bo", "ln1/g", "ln1/b",
  "ffn/w1", "ffn/b1", "ffn/w2", "ffn/b2", "ln2/g", "ln2/b", "head/w", "head/b",
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "equitable-transformer-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeBackends("createTransformer (structure)", () => {
  it("defaults to the paper's d = 250, 10 heads, FFN 250, and lays out its variables in a fixed order", () => {
    const m = createTransformer({ window: 12, horizon: 12, rng: createRandom(1) });
    try {
      expect(m.kind).toBe("transformer");
      expect(m.spec).toEqual({ kind: "transformer", window: 12, horizon: 12, dModel: 250, heads: 10, ffHidden: 250 });
      expect(m.variables.map(parameterName)).toEqual(NAMES);
      expect(m.variables.map((v) => v.shape)).toEqual([
        [1, 250], [250], [250, 750], [750], [250, 250], [250], [250], [250],
        [250, 250], [250], [250, 250], [250], [250], [250], [3000, 12], [12],
      ]);
      expect(m.variables.every((v) => v.trainable && v.dtype === "float32")).toBe(true);
      // LayerNorm gains start at 1, every bias at 0.
      for (const k of [6, 12]) expect(Array.from(m.variables[k].dataSync()).every((v) => v === 1)).toBe(true);
      for (const k of [1, 3, 5, 7, 9, 11, 13, 15]) expect(Array.from(m.variables[k].dataSync()).every((v) => v === 0)).toBe(true);
    } finally {
      m.dispose();
    }
  });

  it("rejects sizes that are not positive integers, and dModel not divisible by heads (naming both)", () => {
    const rng = createRandom(1);
    expect(() => createTransformer({ window: 0, horizon: 1, rng })).toThrow(RangeError);
    expect(() => createTransformer({ window: 4, horizon: 1, ffHidden: 2.5, rng })).toThrow(RangeError);
    expect(() => createTransformer({ window: 4, horizon: 1, heads: 0, rng })).toThrow(RangeError);
    expect(() => createTransformer({ window: 4, horizon: 1, dModel: 250, heads: 7, rng })).toThrow(
      /dModel \(250\) must be divisible by heads \(7\)/,
    );
    expect(() => createTransformer({ window: 4, horizon: 1, dModel: 250, heads: 7, rng })).toThrow(RangeError);
  });

  it("keeps its positional encoding alive when created inside tf.tidy, and frees it with the model", () => {
    const base = tf.memory().numTensors;
    let m!: TrainableModel;
    tf.tidy(() => {
      m = createTransformer({ ...TINY, rng: createRandom(1) });
    });
    try {
      // Its variables and the one positional-encoding constant.
      expect(tf.memory().numTensors).toBe(base + m.variables.length + 1);
      expect(m.predict(uniform(2 * TINY.window, 1), 2)).toHaveLength(2 * TINY.horizon);
    } finally {
      m.dispose();
    }
    expect(tf.memory().numTensors).toBe(base);
  });
});

describeBackends("createTransformer", () => {
  for (const [label, cfg, batch] of [
    ["tiny", TINY, 5],
    ["medium", MEDIUM, 6],
  ] as const) {
    it(`forward and predict match the float64 reference (${label})`, () => {
      const m = createTransformer({ ...cfg, rng: createRandom(2) });
      try {
        const x = uniform(batch * cfg.window, 3, -1, 2);
        const reference = transformerReference(cfg);
        // Once with the initial weights, once with every parameter (gains and biases too) randomised.
        for (const randomise of [false, true]) {
          if (randomise) randomiseParams(m.variables, 4);
          const expected = reference(readParams(m.variables), x, batch);
          const viaForward = tf.tidy(() => m.forward(tf.tensor2d(x, [batch, cfg.window])).dataSync().slice());
          expect(viaForward).toHaveLength(batch * cfg.horizon);
          // The linear head can land next to 0 (seen: 2e-5 with float32 error 3e-7), so errors are
          // relative to at least 0.01; forecasts here are of order 1.
          expect(maxRelError(viaForward, expected, 1e-2)).toBeLessThan(1e-4);
          expect(maxRelError(m.predict(x, batch), expected, 1e-2)).toBeLessThan(1e-4);
        }
      } finally {
        m.dispose();
      }
    });
  }

  it("variableGrads of mean(forward) match central differences of the reference (every parameter, tiny)", () => {
    const m = createTransformer({ ...TINY, rng: createRandom(5) });
    try {
      randomiseParams(m.variables, 6);
      const batch = 4;
      const x = uniform(batch * TINY.window, 7, -1, 2);
      const { errors, checked } = gradientCheck(m, transformerReference(TINY), x, batch);
      expect(checked).toBe(m.variables.reduce((n, v) => n + v.size, 0));
      expect(Object.keys(errors)).toHaveLength(NAMES.length);
      for (const [name, err] of Object.entries(errors)) expect(err, name).toBeLessThan(1e-4);
    } finally {
      m.dispose();
    }
  });

  it("variableGrads match central differences at a medium size (sampled parameters)", () => {
    const m = createTransformer({ ...MEDIUM, rng: createRandom(8) });
    try {
      const batch = 3;
      const x = uniform(batch * MEDIUM.window, 9, -1, 2);
      const { errors } = gradientCheck(m, transformerReference(MEDIUM), x, batch, { count: 200, seed: 10 });
      for (const [name, err] of Object.entries(errors)) expect(err, name).toBeLessThan(1e-4);
    } finally {
      m.dispose();
    }
  });

  it("is deterministic in its seed: same seed, same weights; another seed, other weights", () => {
    const weights = (seed: number) => {
      const m = createTransformer({ ...TINY, rng: createRandom(seed) });
      const values = m.variables.map((v) => Array.from(v.dataSync()));
      m.dispose();
      return values;
    };
    const a = weights(11);
    expect(weights(11)).toEqual(a);
    const b = weights(12);
    // Every weight matrix differs (gains and biases start at fixed values).
    for (const k of [0, 2, 4, 8, 10, 14]) expect(b[k]).not.toEqual(a[k]);
    const viaSpec = createModel({ kind: "transformer", ...TINY }, createRandom(11));
    expect(viaSpec.variables.map((v) => Array.from(v.dataSync()))).toEqual(a);
    viaSpec.dispose();
  });

  it("repeated forward + variableGrads calls leave tf.memory() flat", () => {
    const m = createTransformer({ ...TINY, rng: createRandom(3) });
    try {
      const batch = 8;
      const x = uniform(batch * TINY.window, 1, -1, 2);
      const y = uniform(batch * TINY.horizon, 2);
      const counts: number[] = [];
      const bytes: number[] = [];
      for (let i = 0; i < 4; i++) {
        tf.tidy(() => {
          const xs = tf.tensor2d(x, [batch, TINY.window]);
          const ys = tf.tensor2d(y, [batch, TINY.horizon]);
          m.forward(xs);
          const { value, grads } = tf.variableGrads(
            () => tf.mean(tf.square(tf.sub(m.forward(xs), ys))) as tf.Scalar,
            [...m.variables],
          );
          expect(Object.keys(grads)).toHaveLength(NAMES.length);
          value.dataSync();
        });
        m.predict(x, batch);
        counts.push(tf.memory().numTensors);
        bytes.push(tf.memory().numBytes);
      }
      expect(new Set(counts).size).toBe(1);
      expect(new Set(bytes).size).toBe(1);
    } finally {
      m.dispose();
    }
  });

  it("saveModel / loadModel round-trips it: same spec, weights and predictions", async () => {
    const m = createTransformer({ ...TINY, rng: createRandom(4) });
    randomiseParams(m.variables, 5);
    const dir = join(root, `m-${tf.getBackend()}`);
    try {
      await saveModel(m, dir, { method: "equitable" });
      const { model: loaded, meta } = await loadModel(dir);
      try {
        expect(meta).toEqual({ method: "equitable" });
        expect(loaded.spec).toEqual(m.spec);
        expect(loaded.variables.map(parameterName)).toEqual(NAMES);
        expect(loaded.variables.map((v) => Array.from(v.dataSync()))).toEqual(m.variables.map((v) => Array.from(v.dataSync())));
        const x = uniform(30 * TINY.window, 6, -1, 2);
        expect(loaded.predict(x, 30)).toEqual(m.predict(x, 30));
      } finally {
        loaded.dispose();
      }
    } finally {
      m.dispose();
    }
  });
});
