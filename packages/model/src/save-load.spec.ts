import * as tf from "@equitable/core/tf";
import { mkdtemp, mkdir, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { InputError, createRandom } from "@equitable/core";
import { createLstm } from "./lstm.js";
import { createMlp } from "./mlp.js";
import { loadModel, saveModel } from "./save-load.js";
import type { TrainableModel } from "./trainable-model.js";
import { describeBackends, randomiseParams, uniform } from "./backends.spec-helper.js";
import "./register-kinds.spec-helper.js";

let root: string;
let n = 0;
const freshDir = () => join(root, `m${++n}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "equitable-model-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const makers: [string, () => TrainableModel][] = [
  ["lstm", () => createLstm({ window: 6, horizon: 2, hidden: 5, rng: createRandom(1) })],
  ["mlp", () => createMlp({ window: 6, horizon: 2, hidden: 7, rng: createRandom(1) })],
];

/** Asserts `promise` rejects with an InputError whose message matches `pattern`. */
async function expectInputError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(pattern);
}

describeBackends("saveModel / loadModel", () => {
  for (const [kind, make] of makers) {
    it(`${kind}: round-trips weights, spec and meta; predictions are identical; no .tmp files remain`, async () => {
      const m = make();
      randomiseParams(m.variables, 3);
      const dir = freshDir();
      const meta = { method: "equitable", q: 2, scenario: "x.yaml", nested: { list: [1, 2, 3] } };
      try {
        await saveModel(m, dir, meta);
        expect((await readdir(dir)).sort()).toEqual(["model.json", "weights.bin"]);
        const manifest = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
        expect(manifest.format).toBe("equitable-public-model/1");
        expect(manifest.spec).toEqual(m.spec);
        // Architecture names, without the per-instance suffix tfjs needs.
        expect(manifest.weights.map((w: { name: string }) => w.name)).toEqual(
          kind === "lstm" ? ["lstm/wx", "lstm/wh", "lstm/b", "head/w", "head/b"] : ["mlp/w1", "mlp/b1", "mlp/w2", "mlp/b2"],
        );
        const size = m.variables.reduce((s, v) => s + v.size, 0);
        expect((await readFile(join(dir, "weights.bin"))).byteLength).toBe(4 * size);

        const before = tf.memory().numTensors;
        // The original is still alive: the copy must coexist with it.
        const { model: loaded, meta: loadedMeta } = await loadModel(dir);
        try {
          expect(tf.memory().numTensors).toBe(before + m.variables.length);
          expect(loadedMeta).toEqual(meta);
          expect(loaded.kind).toBe(m.kind);
          expect(loaded.spec).toEqual(m.spec);
          expect(loaded.variables.map((v) => Array.from(v.dataSync()))).toEqual(m.variables.map((v) => Array.from(v.dataSync())));
          const x = uniform(40 * m.window, 4, 0, 2);
          expect(loaded.predict(x, 40)).toEqual(m.predict(x, 40));
        } finally {
          loaded.dispose();
        }
        expect(tf.memory().numTensors).toBe(before);

        // Saving again over an existing model replaces it and still leaves no temporaries.
        randomiseParams(m.variables, 4);
        await saveModel(m, dir);
        expect((await readdir(dir)).sort()).toEqual(["model.json", "weights.bin"]);
        const again = await loadModel(dir);
        expect(again.meta).toEqual({});
        expect(again.model.variables.map((v) => Array.from(v.dataSync()))).toEqual(m.variables.map((v) => Array.from(v.dataSync())));
        again.model.dispose();
      } finally {
        m.dispose();
      }
    });
  }

  it("a directory that is not a saved model is an InputError", async () => {
    const empty = freshDir();
    await mkdir(empty, { recursive: true });
    await expectInputError(loadModel(empty), /not a saved model directory/);
    await expectInputError(loadModel(join(root, "does-not-exist")), /not a saved model directory/);
    const onlyJson = freshDir();
    await mkdir(onlyJson);
    await writeFile(join(onlyJson, "model.json"), "{}");
    await expectInputError(loadModel(onlyJson), /not a saved model directory/);
  });

  it("truncated or padded weights.bin is an InputError and leaks no tensors", async () => {
    const m = makers[0][1]();
    const dir = freshDir();
    await saveModel(m, dir);
    const size = m.variables.reduce((s, v) => s + v.size, 0);
    m.dispose();
    const before = tf.memory().numTensors;
    const weights = join(dir, "weights.bin");
    const original = await readFile(weights);
    // Cut mid-float (not a multiple of 4 bytes), cut at a float boundary, emptied, one float too many.
    for (const bytes of [4 * size - 3, 4 * (size - 1), 0]) {
      await writeFile(weights, original);
      await truncate(weights, bytes);
      await expectInputError(loadModel(dir), /weights\.bin: expected \d+ float32 values/);
    }
    await writeFile(weights, Buffer.concat([original, Buffer.alloc(4)]));
    await expectInputError(loadModel(dir), /weights\.bin: expected \d+ float32 values/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("weights.bin from another save of the same architecture is detected by the hash", async () => {
    const [a, b] = [makers[1][1](), makers[1][1]()];
    randomiseParams(b.variables, 9);
    const [dirA, dirB] = [freshDir(), freshDir()];
    await saveModel(a, dirA);
    await saveModel(b, dirB);
    a.dispose();
    b.dispose();
    // What a crash between the two renames (or two racing saves) would leave behind.
    await writeFile(join(dirA, "weights.bin"), await readFile(join(dirB, "weights.bin")));
    const before = tf.memory().numTensors;
    await expectInputError(loadModel(dirA), /does not match the hash/);
    expect(tf.memory().numTensors).toBe(before);
    // A manifest without the hash (older files) still loads.
    const manifest = JSON.parse(await readFile(join(dirA, "model.json"), "utf8"));
    delete manifest.weightsSha256;
    await writeFile(join(dirA, "model.json"), JSON.stringify(manifest));
    const { model } = await loadModel(dirA);
    model.dispose();
  });

  it("a NaN or infinite weight is an InputError naming the weight, with or without a hash", async () => {
    const m = makers[1][1]();
    const dir = freshDir();
    await saveModel(m, dir);
    const firstSize = m.variables[0].size;
    m.dispose();
    const weights = join(dir, "weights.bin");
    const manifestFile = join(dir, "model.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    delete manifest.weightsSha256;
    await writeFile(manifestFile, JSON.stringify(manifest));
    const bytes = await readFile(weights);
    bytes.writeFloatLE(Number.NaN, 4 * (firstSize + 1));
    await writeFile(weights, bytes);
    const before = tf.memory().numTensors;
    await expectInputError(loadModel(dir), new RegExp(`weights\\.bin: value ${firstSize + 1} \\(in weight ${manifest.weights[1].name}\\) is NaN`));
    bytes.writeFloatLE(Number.POSITIVE_INFINITY, 4 * (firstSize + 1));
    await writeFile(weights, bytes);
    await expectInputError(loadModel(dir), /is Infinity/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a model.json that is not JSON is one line, whatever V8 quotes", async () => {
    const m = makers[0][1]();
    const dir = freshDir();
    await saveModel(m, dir);
    m.dispose();
    await writeFile(join(dir, "model.json"), '{"format": 1,\n"spec": x\n}');
    await expectInputError(loadModel(dir), /^[^\n]*not valid JSON[^\n]*$/);
  });

  it("a malformed model.json is an InputError naming the file", async () => {
    const m = makers[0][1]();
    const dir = freshDir();
    await saveModel(m, dir);
    m.dispose();
    const file = join(dir, "model.json");
    const good = JSON.parse(await readFile(file, "utf8"));
    const before = tf.memory().numTensors;
    const cases: [string, RegExp][] = [
      ["{ not json", /model\.json: not valid JSON/],
      ["null", /model\.json: expected a JSON object/],
      [JSON.stringify({ ...good, format: "something-else/2" }), /unknown format 'something-else\/2'/],
      [JSON.stringify({ ...good, spec: { ...good.spec, kind: "gru" } }), /spec\.kind: unknown model kind 'gru' \(known: lstm, mlp, transformer\)/],
      [JSON.stringify({ ...good, spec: { ...good.spec, kind: "toString" } }), /spec\.kind: unknown model kind 'toString'/],
      // Each kind needs its own sizes: an LSTM's spec relabelled as a transformer has no dModel.
      [JSON.stringify({ ...good, spec: { ...good.spec, kind: "transformer" } }), /spec\.dModel must be a positive integer/],
      [
        JSON.stringify({ ...good, spec: { kind: "transformer", window: 6, horizon: 2, dModel: 10, heads: 3, ffHidden: 4 } }),
        /spec\.dModel \(10\) must be divisible by heads \(3\)/,
      ],
      [JSON.stringify({ ...good, spec: { ...good.spec, hidden: 0 } }), /spec\.hidden must be a positive integer/],
      [JSON.stringify({ ...good, weights: "none" }), /weights must be a list/],
      [JSON.stringify({ ...good, weights: good.weights.slice(0, 4) }), /weights\.bin: expected|lists 4 weights/],
      [JSON.stringify({ ...good, meta: [1] }), /meta must be an object/],
      // Same total size, shapes permuted: caught by the shape check, not silently reshaped.
      [
        JSON.stringify({
          ...good,
          weights: good.weights.map((w: { name: string; shape: number[] }) => ({ ...w, shape: [...w.shape].reverse() })),
        }),
        /has shape \[.*\] but the spec needs/,
      ],
    ];
    for (const [text, pattern] of cases) {
      await writeFile(file, text);
      await expectInputError(loadModel(dir), pattern);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a failed save leaves no temporaries behind", async () => {
    const m = makers[1][1]();
    const dir = freshDir();
    // weights.bin is a non-empty directory: the rename onto it fails.
    await mkdir(join(dir, "weights.bin", "in-the-way"), { recursive: true });
    await expect(saveModel(m, dir)).rejects.toThrow();
    m.dispose();
    expect((await readdir(dir)).sort()).toEqual(["weights.bin"]);
  });
});
