import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";

const tfjsCore = createRequire(import.meta.url)("@tensorflow/tfjs-core") as Record<string, unknown>;

describe("@equitable/core/tf", () => {
  it("re-exports every runtime export of tfjs-core, the very same values", () => {
    const ours = tf as unknown as Record<string, unknown>;
    const missing = Object.keys(tfjsCore).filter((name) => !(name in ours));
    expect(missing, "tfjs-core exports these names that src/tf.ts does not list").toEqual([]);
    for (const name of Object.keys(ours)) expect(ours[name], name).toBe(tfjsCore[name]);
  });

  it("has a backend on import, so ops run without a selectBackend first", () => {
    const sum = tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]);
    expect(sum).toBe(6);
    expect(tf.getBackend()).toBeTruthy();
  });

  it("registers tfjs-core's gradients and chained ops (vendor/tf-registrations.cjs), and that file is what its build script makes today", async () => {
    const dx = tf.tidy(() => tf.grad((x) => tf.div(x, tf.scalar(2)).sum())(tf.tensor1d([1, 2])).dataSync());
    expect(Array.from(dx)).toEqual([0.5, 0.5]);
    const { bundleRegistrations } = await import("../scripts/build-tf-registrations.mjs");
    const committed = readFileSync(new URL("../vendor/tf-registrations.cjs", import.meta.url), "utf8");
    expect(committed === (await bundleRegistrations()), "stale: run node packages/core/scripts/build-tf-registrations.mjs").toBe(true);
  });
});
