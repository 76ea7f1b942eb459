import * as tf from "@tensorflow/tfjs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError, createRandom } from "@equitable/core";
import type { ModelSpec } from "./model-spec.js";
import type { TrainableModel } from "./trainable-model.js";
import { createModel } from "./create-model.js";

/** Manifest written as `model.json` beside `weights.bin`. */
interface Manifest {
  format: "equitable-public-model/1";
  spec: ModelSpec;
  weights: { name: string; shape: number[] }[];
  /** Free-form facts the caller wants kept with the model (method, q, scenario…). */
  meta: Record<string, unknown>;
}

/**
 * Saves the model to `dir` (model.json + weights.bin, little-endian float32). Files are
 * written to temporaries and renamed, so a crash never leaves a half-written model.
 */
export async function saveModel(model: TrainableModel, dir: string, meta: Record<string, unknown> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  const arrays = await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>));
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const flat = new Float32Array(total);
  let offset = 0;
  for (const a of arrays) {
    flat.set(a, offset);
    offset += a.length;
  }
  const manifest: Manifest = {
    format: "equitable-public-model/1",
    spec: model.spec,
    weights: model.variables.map((v) => ({ name: v.name, shape: v.shape })),
    meta,
  };
  await writeFile(join(dir, "weights.bin.tmp"), Buffer.from(flat.buffer, flat.byteOffset, flat.byteLength));
  await writeFile(join(dir, "model.json.tmp"), JSON.stringify(manifest, null, 2));
  await rename(join(dir, "weights.bin.tmp"), join(dir, "weights.bin"));
  await rename(join(dir, "model.json.tmp"), join(dir, "model.json"));
}

/** Loads a model saved by {@link saveModel}; returns it with the saved metadata. */
export async function loadModel(dir: string): Promise<{ model: TrainableModel; meta: Record<string, unknown> }> {
  let manifest: Manifest;
  let bytes: Buffer;
  try {
    manifest = JSON.parse(await readFile(join(dir, "model.json"), "utf8")) as Manifest;
    bytes = await readFile(join(dir, "weights.bin"));
  } catch {
    throw new InputError(dir, "not a saved model directory (model.json and weights.bin expected)");
  }
  if (manifest.format !== "equitable-public-model/1") {
    throw new InputError(join(dir, "model.json"), `unknown format '${String(manifest.format)}'`);
  }
  const flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  // Initial values are overwritten below; the seed only fixes allocation order.
  const model = createModel(manifest.spec, createRandom(0));
  let offset = 0;
  model.variables.forEach((v, k) => {
    const size = manifest.weights[k].shape.reduce((a, b) => a * b, 1);
    if (size !== v.size) {
      model.dispose();
      throw new InputError(join(dir, "model.json"), `weight ${manifest.weights[k].name} has shape ${manifest.weights[k].shape} but the spec needs ${v.shape}`);
    }
    tf.tidy(() => v.assign(tf.tensor(flat.subarray(offset, offset + size), v.shape)));
    offset += size;
  });
  if (offset !== flat.length) {
    model.dispose();
    throw new InputError(join(dir, "weights.bin"), `expected ${offset} float32 values, found ${flat.length}`);
  }
  return { model, meta: manifest.meta };
}

