import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { InfeasibleProblemError, ProblemOutcomeError, UnboundedProblemError } from "./problem-errors.js";

describe("InfeasibleProblemError / UnboundedProblemError", () => {
  it("are InputErrors carrying agent, instance and kind, with them in the message", () => {
    const e = new InfeasibleProblemError("k-cheapest", "k = 14 > 12 slots", { agent: "ev-3", instance: 17 });
    expect(e).toBeInstanceOf(InputError);
    expect(e).toBeInstanceOf(ProblemOutcomeError);
    expect(e.message).toBe("agent ev-3, sample 17: infeasible k-cheapest problem (k = 14 > 12 slots)");
    expect(e).toMatchObject({ agent: "ev-3", instance: 17, kind: "k-cheapest", where: "agent ev-3, sample 17" });
    const u = new UnboundedProblemError("linear", "");
    expect(u).not.toBeInstanceOf(InfeasibleProblemError);
    expect(u.message).toBe("linear: unbounded linear problem");
    expect(u.agent).toBeUndefined();
    expect(u.instance).toBeUndefined();
  });
});
