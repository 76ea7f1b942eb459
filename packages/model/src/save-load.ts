import * as tf from "@equitable/core/tf";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { InputError, createRandom, modelKinds } from "@equitable/core";
import type { ModelSpec } from "./model-spec.js";
import type { TrainableModel } from "./trainable-model.js";
import { createModel } from "./create-model.js";
import { parameterName } from "./init.js";

const FORMAT = "equitable-public-model/1";

/** Manifest written as `model.json` beside `weights.bin`. */
interface Manifest {
  format: typeof FORMAT;
  spec: ModelSpec;
  weights: { name: string; shape: number[] }[];
  /**
   * SHA-256 (hex) of weights.bin. The two files are renamed into place one after the other,
   * so a crash in between, or two saves racing on one directory, could pair a manifest with
   * another save's weights; the hash turns that into a load error. Optional on load: files
   * written before it was added load without the check.
   */
  weightsSha256?: string;
  /** Free-form facts the caller wants kept with the model (method, q, scenario…). */
  meta: Record<string, unknown>;
}

/** Writes `data` to `path` and flushes it to disk before returning. */
async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Saves the model to `dir` (model.json + weights.bin, little-endian float32). Files are
 * written to temporaries and renamed, so a crash never leaves a half-written file; model.json
 * records the hash of weights.bin, so a manifest never silently loads another save's weights.
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
  const bytes = new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength);
  const manifest: Manifest = {
    format: FORMAT,
    spec: model.spec,
    weights: model.variables.map((v) => ({ name: parameterName(v), shape: [...v.shape] })),
    weightsSha256: createHash("sha256").update(bytes).digest("hex"),
    meta,
  };
  // Unique temporaries: two saves into one directory must not write into each other's files.
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  const weightsTmp = join(dir, `weights.bin.${tag}`);
  const manifestTmp = join(dir, `model.json.${tag}`);
  try {
    await writeDurably(weightsTmp, bytes);
    await writeDurably(manifestTmp, JSON.stringify(manifest, null, 2));
    await rename(weightsTmp, join(dir, "weights.bin"));
    await rename(manifestTmp, join(dir, "model.json"));
  } finally {
    // No-ops after the renames; after a failure they remove what was left behind.
    await rm(weightsTmp, { force: true });
    await rm(manifestTmp, { force: true });
  }
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v > 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks the parsed model.json; throws an InputError naming `file` for anything off. */
function checkManifest(value: unknown, file: string): Manifest {
  if (!isPlainObject(value)) throw new InputError(file, "expected a JSON object");
  if (value.format !== FORMAT) throw new InputError(file, `unknown format '${String(value.format)}' (expected '${FORMAT}')`);
  const spec = value.spec;
  if (!isPlainObject(spec) || typeof spec.kind !== "string") throw new InputError(file, "spec.kind must be a string");
  const kind = modelKinds.get(spec.kind);
  if (!kind) throw new InputError(file, `spec.kind: ${modelKinds.unknownMessage(spec.kind)}`);
  const problem = kind.specProblem(spec);
  if (problem) throw new InputError(file, `spec.${problem}`);
  const weights = value.weights;
  if (
    !Array.isArray(weights) ||
    !weights.every(
      (w) => isPlainObject(w) && typeof w.name === "string" && Array.isArray(w.shape) && w.shape.every(isPositiveInteger),
    )
  ) {
    throw new InputError(file, "weights must be a list of { name, shape }");
  }
  if (value.weightsSha256 !== undefined && typeof value.weightsSha256 !== "string") {
    throw new InputError(file, "weightsSha256 must be a string");
  }
  if (value.meta !== undefined && !isPlainObject(value.meta)) throw new InputError(file, "meta must be an object");
  return { ...(value as unknown as Manifest), meta: (value.meta as Record<string, unknown> | undefined) ?? {} };
}

/** Loads a model saved by {@link saveModel}; returns it with the saved metadata. */
export async function loadModel(dir: string): Promise<{ model: TrainableModel; meta: Record<string, unknown> }> {
  const manifestFile = join(dir, "model.json");
  const weightsFile = join(dir, "weights.bin");
  let text: string;
  let bytes: Buffer;
  try {
    text = await readFile(manifestFile, "utf8");
    bytes = await readFile(weightsFile);
  } catch {
    throw new InputError(dir, "not a saved model directory (model.json and weights.bin expected)");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // V8 quotes the text in some messages, newlines included: keep the error on one line.
    throw new InputError(manifestFile, `not valid JSON: ${(e as Error).message.replace(/\s+/g, " ")}`);
  }
  const manifest = checkManifest(parsed, manifestFile);

  // Everything about the weights is checked before any tensor exists, so nothing can leak.
  const sizes = manifest.weights.map((w) => w.shape.reduce((a, b) => a * b, 1));
  const expected = sizes.reduce((a, b) => a + b, 0);
  if (bytes.byteLength !== 4 * expected) {
    throw new InputError(
      weightsFile,
      `expected ${expected} float32 values (${4 * expected} bytes), found ${bytes.byteLength} bytes (truncated or from another model?)`,
    );
  }
  if (
    manifest.weightsSha256 !== undefined &&
    createHash("sha256").update(bytes).digest("hex") !== manifest.weightsSha256
  ) {
    throw new InputError(weightsFile, "does not match the hash recorded in model.json (an interrupted or concurrent save?)");
  }
  // Copy into a fresh, aligned buffer (a Buffer's byteOffset need not be a multiple of 4).
  const flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  // A model with a NaN or infinite weight forecasts NaN and every metric with it; files without a
  // hash (or edited along with it) get this far, so the values themselves are checked.
  const bad = flat.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    let k = 0;
    for (let start = 0; start + sizes[k] <= bad; k++) start += sizes[k];
    throw new InputError(weightsFile, `value ${bad} (in weight ${manifest.weights[k].name}) is ${flat[bad]}: the model cannot forecast`);
  }

  // Initial values are overwritten below; the seed only fixes allocation order.
  const model = createModel(manifest.spec, createRandom(0));
  try {
    if (manifest.weights.length !== model.variables.length) {
      throw new InputError(
        manifestFile,
        `lists ${manifest.weights.length} weights but a ${manifest.spec.kind} model has ${model.variables.length}`,
      );
    }
    model.variables.forEach((v, k) => {
      const w = manifest.weights[k];
      if (w.shape.length !== v.shape.length || w.shape.some((d, i) => d !== v.shape[i])) {
        throw new InputError(manifestFile, `weight ${w.name} has shape [${w.shape}] but the spec needs [${v.shape}]`);
      }
    });
    let offset = 0;
    model.variables.forEach((v, k) => {
      tf.tidy(() => v.assign(tf.tensor(flat.subarray(offset, offset + sizes[k]), v.shape, "float32")));
      offset += sizes[k];
    });
  } catch (e) {
    model.dispose();
    throw e;
  }
  return { model, meta: manifest.meta };
}
