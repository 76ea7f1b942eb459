import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { InputError, createRandom, modelKinds, type ModelKind, type ModelSpec } from "@equitable/core";
import { createModel } from "./create-model.js";
import { createMlp } from "./mlp.js";
import { selectBackend } from "./backend.js";
import { lstmKind, transformerKind } from "./builtin-model-kinds.js";
import "./register-kinds.spec-helper.js";

describe("createModel dispatches by the model-kind registry", () => {
  beforeAll(() => selectBackend("cpu"));

  it("builds a kind registered after the built-ins, with the spec and rng it is given", () => {
    const seen: ModelSpec[] = [];
    const wide: ModelKind = {
      kind: "wide-mlp",
      description: "an MLP twice as wide as asked",
      fields: z.object({ hidden: z.number().int().positive().default(4) }),
      spec: (m, shape) => ({ kind: "wide-mlp", ...shape, hidden: m.hidden }),
      specProblem: () => undefined,
      create: (spec, rng) => {
        seen.push(spec);
        return createMlp({ window: spec.window, horizon: spec.horizon, hidden: 2 * (spec.hidden as number), rng });
      },
    };
    modelKinds.register(wide, "spec");
    try {
      const model = createModel({ kind: "wide-mlp", window: 3, horizon: 2, hidden: 4 }, createRandom(1));
      expect(seen).toEqual([{ kind: "wide-mlp", window: 3, horizon: 2, hidden: 4 }]);
      expect(model.variables[0].shape).toEqual([3, 8]);
      model.dispose();
    } finally {
      modelKinds.unregister("wide-mlp");
    }
  });

  it("an unregistered kind is an InputError naming spec.kind and the registered kinds", () => {
    const attempt = () => createModel({ kind: "gru", window: 3, horizon: 1 }, createRandom(1));
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow("spec.kind: unknown model kind 'gru' (known: lstm, mlp, transformer)");
  });

  it("the built-in kinds make the specs the scenario fields describe, and check saved ones", () => {
    const fields = { hidden: 7, dModel: 8, heads: 2, ffHidden: 5 };
    expect(lstmKind.spec(fields, { window: 4, horizon: 1 })).toEqual({ kind: "lstm", window: 4, horizon: 1, hidden: 7 });
    expect(transformerKind.spec(fields, { window: 4, horizon: 1 })).toEqual({ kind: "transformer", window: 4, horizon: 1, dModel: 8, heads: 2, ffHidden: 5 });
    expect(lstmKind.specProblem({ kind: "lstm", window: 4, horizon: 1, hidden: 0.5 })).toBe("hidden must be a positive integer");
    const issues: string[] = [];
    transformerKind.refine!({ ...fields, heads: 3 }, (field, message) => issues.push(`${field}: ${message}`));
    expect(issues).toEqual(["heads: dModel 8 is not divisible by 3 heads"]);
  });
});
