import * as tf from "@equitable/core/tf";
import { beforeAll, expect, it } from "vitest";
import { clipByGlobalNorm } from "./clip.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

it("scales gradients to the global norm bound and leaves small ones alone", () => {
  const before = tf.memory().numTensors;
  const clipped = clipByGlobalNorm({ a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) }, 1);
  expect(Array.from(clipped.a.dataSync())).toEqual([expect.closeTo(0.6, 6), 0]);
  expect(Array.from(clipped.b.dataSync())).toEqual([0, expect.closeTo(0.8, 6)]);
  expect(tf.memory().numTensors).toBe(before + 2);
  const small = { a: tf.tensor1d([0.1]) };
  expect(clipByGlobalNorm(small, 1)).toBe(small);
});
