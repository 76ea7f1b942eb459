import { describe, expect, it } from "vitest";
import { agentKinds, modelKinds, trainingMethods } from "@equitable/core";
import { registerBuiltins } from "./index.js";

describe("registerBuiltins", () => {
  it("importing the preset registers every built-in agent kind, training method and model kind, as built-ins", () => {
    expect(agentKinds.keys()).toEqual(["datacenter", "ev", "ev-offsets", "phone", "procurement"]);
    expect(trainingMethods.keys()).toEqual(["plain", "equitable", "cvar", "qffl", "irw", "irwo"]);
    expect(modelKinds.keys()).toEqual(["lstm", "mlp", "transformer"]);
    for (const key of modelKinds.keys()) expect(modelKinds.originOf(key)).toBe("built-in");
  });

  it("is idempotent: calling it again keeps the same entries and throws nothing", () => {
    const before = [agentKinds.values(), trainingMethods.values(), modelKinds.values()];
    expect(() => registerBuiltins()).not.toThrow();
    expect([agentKinds.values(), trainingMethods.values(), modelKinds.values()]).toEqual(before);
    for (const [i, list] of [agentKinds.values(), trainingMethods.values(), modelKinds.values()].entries()) {
      list.forEach((entry, k) => expect(entry).toBe(before[i][k]));
    }
  });

  it("restores an entry a caller removed, as a fresh process would have it", () => {
    const lstm = modelKinds.get("lstm");
    modelKinds.unregister("lstm");
    registerBuiltins();
    expect(modelKinds.get("lstm")).toBe(lstm);
  });
});
