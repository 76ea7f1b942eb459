import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { trainingMethods } from "@equitable/core";
import { builtinMethods } from "@equitable/trainer";
import { smoothMax } from "../../trainer/src/spec-fixtures/smooth-max-method.js";
import {
  assertConformingMethod, checkTrainingMethod, ConformanceError, trainingMethodChecks, type ConformanceCheck, type MethodCheckResult,
} from "./index.js";
import { doubledWeights, driftingValue, lenientOptions, uniformCvar, unscaledTensorLoss } from "./broken-methods.spec-helper.js";

// The built-in methods, registered as a program does through @equitable/preset (which depends on this package).
for (const method of builtinMethods) trainingMethods.register(method);

await tf.setBackend("cpu");

const failed = (results: readonly MethodCheckResult[]): ConformanceCheck[] => results.filter((r) => r.failure).map((r) => r.check);
const failureOf = (results: readonly MethodCheckResult[], check: ConformanceCheck) => results.find((r) => r.check === check)?.failure;

describe("checkTrainingMethod on the built-in methods", () => {
  const builtins = trainingMethods.values();

  it("knows all six, and runs the checks each one's contract gives it", () => {
    expect(builtins.map((m) => m.name)).toEqual(["plain", "equitable", "cvar", "qffl", "irw", "irwo"]);
    expect(trainingMethodChecks(trainingMethods.get("equitable")!)).toEqual(["options-name-field", "deterministic", "tensor-loss-matches-value", "weights-match-value"]);
    expect(trainingMethodChecks(trainingMethods.get("qffl")!)).toEqual(["options-name-field", "deterministic", "weights-match-value"]);
    expect(trainingMethodChecks(trainingMethods.get("cvar")!)).toEqual(["options-name-field", "deterministic", "weights-match-value"]);
  });

  it.each(trainingMethods.values().map((m) => [m.name, m] as const))("passes %s", (_name, method) => {
    const results = checkTrainingMethod(method, { seed: 3, numRuns: 60 });
    expect(results.map((r) => r.failure?.message).filter(Boolean)).toEqual([]);
    expect(results.every((r) => r.runs === 60)).toBe(true);
  });

  it("passes the trainer's test-only smoothed-max method, a plugin's", () => {
    expect(failed(checkTrainingMethod(smoothMax, { numRuns: 30 }))).toEqual([]);
  });

  it("gives the same results for the same seed, and reports each as it finishes", () => {
    const seen: string[] = [];
    const first = checkTrainingMethod(doubledWeights, { seed: 9, numRuns: 20, onResult: (r) => seen.push(r.check) });
    expect(seen).toEqual(first.map((r) => r.check));
    expect(checkTrainingMethod(doubledWeights, { seed: 9, numRuns: 20 })).toEqual(first);
  });
});

// The kit is tested as its kind checks are: each broken method must be caught by the property meant for it, and only by it.
describe("checkTrainingMethod catches broken methods", () => {
  it("weights that are not ∂value/∂C̄ (weights-match-value), with a shrunk case and a path that replays it", () => {
    const results = checkTrainingMethod(doubledWeights, { numRuns: 50 });
    expect(failed(results)).toEqual(["weights-match-value"]);
    const f = failureOf(results, "weights-match-value")!;
    expect(f.message).toMatch(/^agent 0: weights gives \S+, the central difference of value \S+ \(weights \[.*\], differences \[.*\]; relative tolerance 0\.0001\)$/);
    expect(f.counterexample[0]).toMatch(/^settings: \{"q":\[.*\],"beta":/);
    expect(f.counterexample).toContainEqual(expect.stringMatching(/^agent means \(1 agents\): \[\d/));
    const replay = checkTrainingMethod(doubledWeights, { checks: ["weights-match-value"], path: f.path });
    expect(replay[0].failure?.message).toBe(f.message);
    expect(replay[0].runs).toBe(1);
  });

  it("per-sample weights that are not ∂value/∂C (weights-match-value)", () => {
    const f = failureOf(checkTrainingMethod(uniformCvar, { checks: ["weights-match-value"] }), "weights-match-value")!;
    expect(f.message).toMatch(/^sample \d+, agent \d+: weights gives /);
    expect(f.counterexample).toContainEqual(expect.stringMatching(/^regrets \(\d rows × \d agents\): \[/));
  });

  it("a tensorLoss that is another L than value (tensor-loss-matches-value)", () => {
    const results = checkTrainingMethod(unscaledTensorLoss, { numRuns: 20 });
    expect(failed(results)).toEqual(["tensor-loss-matches-value"]);
    expect(failureOf(results, "tensor-loss-matches-value")!.message).toMatch(/^tensorLoss gives \S+, value \S+ \(relative tolerance 0\.0001\)$/);
  });

  it("options it ignores (options-name-field)", () => {
    const results = checkTrainingMethod(lenientOptions, { numRuns: 5 });
    expect(failed(results)).toEqual(["options-name-field"]);
    expect(failureOf(results, "options-name-field")!.message).toBe(
      "jobs accepted methodOptions.equitable.notAnOption: validate the options (parseMethodOptions of @equitable/trainer with a strict zod object) so a misspelt option is refused naming it");
  });

  it("a value that changes between calls (deterministic)", () => {
    const results = checkTrainingMethod(driftingValue, { checks: ["deterministic"], numRuns: 5 });
    expect(failureOf(results, "deterministic")!.message).toMatch(/^value gave \S+ on one call, \S+ on the next$/);
  });

  it("a descriptor the registry would refuse, before calling it", () => {
    const results = checkTrainingMethod({ ...doubledWeights, weights: undefined });
    expect(results).toHaveLength(1);
    expect(results[0].failure!.message).toBe("training method 'equitable' has neither `value` and `weights` functions nor a `perSample` form");
  });

  it("assertConformingMethod throws every failure with its seed and path", () => {
    expect(() => assertConformingMethod(trainingMethods.get("qffl")!, { numRuns: 20 })).not.toThrow();
    const err = (() => {
      try {
        assertConformingMethod(doubledWeights, { numRuns: 20 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConformanceError);
    expect((err as ConformanceError).message).toMatch(/^training method "equitable" does not conform:\n {2}\[weights-match-value\] agent 0: .*\n[^]*seed 1, path "[\d:]+"$/);
  });
});
