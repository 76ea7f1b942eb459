import { describe, expect, it } from "vitest";
import { z } from "zod";
import { agentKinds, modelKinds, trainingMethods } from "./registries.js";
import type { ModelKind } from "./model-kind.js";
import type { AgentKind } from "./agent-kind.js";
import { methodRoutes, type TrainingMethod } from "./training-method.js";

describe("the agent-kind and training-method registries", () => {
  it("refuse an incomplete descriptor at registration, naming what it lacks", () => {
    const kind = { type: "half-kind", description: "", fields: z.object({ count: z.number() }), population: () => undefined } as unknown as AgentKind;
    expect(() => agentKinds.register(kind, "spec")).toThrow("agent kind 'half-kind' has no `build` function");
    expect(agentKinds.get("half-kind")).toBeUndefined();
    const method = { name: "half-method", label: "", description: "", params: z.object({}), usesRegrets: true, jobs: () => [], mseWeight: () => 0, summary: () => ({}) };
    expect(() => trainingMethods.register(method as unknown as TrainingMethod, "spec")).toThrow(
      "training method 'half-method' has neither `value` and `weights` functions nor a `perSample` form",
    );
    expect(() => trainingMethods.register({ ...method, perSample: { value: () => 0, weights: () => new Float64Array() } } as unknown as TrainingMethod, "spec")).not.toThrow();
    trainingMethods.unregister("half-method");
    const perSample = { value: () => 0, weights: () => new Float64Array() };
    expect(() => trainingMethods.register({ ...method, name: "odd-routes", perSample, routes: ["teleport"] } as unknown as TrainingMethod, "spec")).toThrow(
      "training method 'odd-routes' has `routes` other than a non-empty list",
    );
    expect(trainingMethods.get("odd-routes")).toBeUndefined();
  });

  it("refuse a model kind without its create function, and list the registered ones when a name is unknown", () => {
    const half = { kind: "half-model", description: "", fields: z.object({}), spec: () => ({}), specProblem: () => undefined } as unknown as ModelKind;
    expect(() => modelKinds.register(half, "spec")).toThrow("model kind 'half-model' has no `create` function");
    expect(modelKinds.get("half-model")).toBeUndefined();
    const whole = { ...half, kind: "whole-model", create: () => undefined } as unknown as ModelKind;
    modelKinds.register(whole, "spec");
    try {
      expect(modelKinds.originOf("whole-model")).toBe("spec");
      expect(() => modelKinds.require("nope", "model.kind")).toThrow(/model\.kind: unknown model kind 'nope' \(known: .*whole-model/);
    } finally {
      modelKinds.unregister("whole-model");
    }
  });

  it("methodRoutes: a method's own routes, else both for agent-level methods and the chain rule alone for per-sample ones", () => {
    expect(methodRoutes({ routes: ["policy-gradient"] })).toEqual(["policy-gradient"]);
    expect(methodRoutes({})).toEqual(["chain-rule", "policy-gradient"]);
    expect(methodRoutes({ perSample: { value: () => 0, weights: () => new Float64Array() } })).toEqual(["chain-rule"]);
  });
});
