import * as tf from "@equitable/core/tf";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { BACKENDS, lastBackendChoice, selectBackend, type BackendName } from "./backend.js";

function installed(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("selectBackend", () => {
  it.each(["cpu", "wasm"] as const)("selects %s, and tf.getBackend() reflects it", async (name) => {
    expect(await selectBackend(name)).toBe(name);
    expect(tf.getBackend()).toBe(name);
    // It really computes there.
    expect(Array.from(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).dataSync()))).toEqual([2, 3]);
  });

  it("switches back and forth", async () => {
    for (const name of ["wasm", "cpu", "wasm"] as const) {
      await selectBackend(name);
      expect(tf.getBackend()).toBe(name);
    }
  });

  const nodeMissing = !installed("@tensorflow/tfjs-node");
  it.runIf(nodeMissing)("'tensorflow' without @tensorflow/tfjs-node is an InputError with the install command", async () => {
    await selectBackend("cpu");
    const error = await inputError(selectBackend("tensorflow"));
    expect(error.where).toBe("--backend");
    expect(error.message).toContain("pnpm add");
    expect(error.message).toContain("@tensorflow/tfjs-node");
    expect(error.message).toContain("libtensorflow");
    // A failed selection leaves the current backend alone.
    expect(tf.getBackend()).toBe("cpu");
  });

  it.runIf(!installed("@tensorflow/tfjs-node-gpu"))("'tensorflow-gpu' without @tensorflow/tfjs-node-gpu names that package", async () => {
    const error = await inputError(selectBackend("tensorflow-gpu"));
    expect(error.message).toContain("pnpm add -w @tensorflow/tfjs-node-gpu");
  });

  it("an unknown name is an InputError listing the choices", async () => {
    const error = await inputError(selectBackend("metal" as BackendName));
    expect(error.where).toBe("--backend");
    expect(error.message).toContain("'metal'");
    for (const choice of ["auto", ...BACKENDS]) expect(error.message).toContain(choice);
  });

  it("'auto' (also the default) returns one of BACKENDS and makes it current", async () => {
    for (const picked of [await selectBackend("auto"), await selectBackend()]) {
      expect(BACKENDS).toContain(picked);
      expect(tf.getBackend()).toBe(picked === "tensorflow-gpu" ? "tensorflow" : picked);
    }
    // Without tfjs-node installed the fastest one left is webgpu on a hardware adapter, else wasm.
    if (nodeMissing && !installed("@tensorflow/tfjs-node-gpu")) expect(["webgpu", "wasm"]).toContain(await selectBackend("auto"));
  });

  it("'auto' says why it skipped each backend before the one it took", async () => {
    const picked = await selectBackend("auto");
    const choice = lastBackendChoice()!;
    expect(choice.backend).toBe(picked);
    const order = BACKENDS.slice(0, BACKENDS.indexOf(picked as (typeof BACKENDS)[number]));
    expect(choice.skipped.map((s) => s.backend)).toEqual(order);
    for (const s of choice.skipped) expect(s.reason).toMatch(/\S/);
    // webgpu on Mesa's llvmpipe is correct but slower than wasm: auto passes it by, naming it.
    const webgpu = choice.skipped.find((s) => s.backend === "webgpu");
    if (webgpu) expect(webgpu.reason).toMatch(/software adapter|Vulkan|not installed|webgpu/);
  });

  it("lists the backends in the order auto tries them", () => {
    expect(BACKENDS).toEqual(["tensorflow-gpu", "tensorflow", "webgpu", "wasm", "cpu"]);
  });
});
