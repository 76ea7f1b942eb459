import { describe, expect, it } from "vitest";
import { z } from "zod";
import { modelKinds, type ModelKind } from "@equitable/core";
import { modelSpecOf, parseScenario } from "./index.js";
import { inputError, tinyScenarioValue } from "./spec-fixtures.js";

describe("model.kind is looked up in the model-kind registry", () => {
  it("an unknown kind names model.kind and the registered kinds", () => {
    const err = inputError(() => parseScenario(tinyScenarioValue({ model: { kind: "gru" } })));
    expect(err.where).toBe("scenario: model.kind");
    expect(err.message).toContain("unknown model kind 'gru' (known: lstm, mlp, transformer; plugins loaded: none)");
  });

  it("the default is the LSTM with every built-in size, in the order saved scenarios have them", () => {
    const { model: _model, ...rest } = tinyScenarioValue({});
    const s = parseScenario(rest);
    expect(Object.entries(s.model)).toEqual([["kind", "lstm"], ["hidden", 50], ["dModel", 250], ["heads", 10], ["ffHidden", 250]]);
    expect(modelSpecOf(s)).toEqual({ kind: "lstm", window: s.window, horizon: s.horizon, hidden: 50 });
  });

  it("a registered kind's own fields are validated strictly, defaulted, and make its spec", () => {
    const ridge: ModelKind = {
      kind: "ridge",
      description: "a linear model",
      fields: z.object({ l2: z.number().nonnegative().default(0.1) }),
      spec: (m, shape) => ({ kind: "ridge", ...shape, l2: m.l2 }),
      specProblem: () => undefined,
      create: () => {
        throw new Error("not built in this spec");
      },
    };
    modelKinds.register(ridge, "spec");
    try {
      const s = parseScenario(tinyScenarioValue({ model: { kind: "ridge" } }));
      expect(s.model).toEqual({ kind: "ridge", l2: 0.1 });
      expect(modelSpecOf(s)).toEqual({ kind: "ridge", window: s.window, horizon: s.horizon, l2: 0.1 });
      expect(inputError(() => parseScenario(tinyScenarioValue({ model: { kind: "ridge", l2: -1 } }))).where).toBe("scenario: model.l2");
      // Another kind's size is not this kind's field.
      expect(inputError(() => parseScenario(tinyScenarioValue({ model: { kind: "ridge", hidden: 8 } }))).message).toBe(
        "scenario: model.hidden: unknown field (not part of the scenario format)",
      );
    } finally {
      modelKinds.unregister("ridge");
    }
  });
});
