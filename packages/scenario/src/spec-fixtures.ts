import { expect } from "vitest";
import { InputError } from "@equitable/core";

/** A small valid scenario value (synthetic, 5 agents, an 8-unit MLP); specs break one thing of a copy. */
export function tinyScenarioValue(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "tiny",
    seed: 3,
    data: { source: "synthetic", hours: 300 },
    window: 12,
    agents: [{ type: "datacenter", count: 5, lambda: "different", demand: "different", perturbed: 2 }],
    model: { kind: "mlp", hidden: 8 },
    training: { epochs: 2 },
    ...extra,
  };
}

/** The InputError `fn` throws (fails the test when it throws nothing or something else). */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError, nothing was thrown");
}
