import { expect, it } from "vitest";
import { stepLearningRate } from "./learning-rate.js";

it("decays by γ every stepEpochs epochs (StepLR)", () => {
  expect(stepLearningRate(0.05, 0, 50, 0.5)).toBe(0.05);
  expect(stepLearningRate(0.05, 49, 50, 0.5)).toBe(0.05);
  expect(stepLearningRate(0.05, 50, 50, 0.5)).toBe(0.025);
  expect(stepLearningRate(0.05, 120, 50, 0.5)).toBeCloseTo(0.0125, 12);
});
