import { describe, expect, it } from "vitest";
import * as tf from "@equitable/core/tf";
import { MixedPopulation, type AgentPopulation } from "@equitable/core";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { EvPopulation } from "@equitable/agents-ev";
import { PhonePopulation } from "@equitable/agents-phone";
import { assertConformingPopulation, checkAgentPopulation, ConformanceError, type ConformanceCheck } from "./index.js";
import { broken, datacenterXi, evXi, phoneXi } from "./spec-fixtures.js";

await tf.setBackend("cpu");

const M = 5;
const dc = () => new DatacenterPopulation({ lambdas: [2, 4, 10, 50, 100] });
const dcOptions = { seed: 1, horizon: 1, sampleXi: datacenterXi(M) };

function checksFailed(p: AgentPopulation, options = dcOptions): ConformanceCheck[] {
  return checkAgentPopulation(p, options).map((f) => f.check);
}

describe("checkAgentPopulation on the framework's own agents", () => {
  it("passes Eq. 12 data centres, with the tensor and gradient checks", () => {
    expect(checkAgentPopulation(dc(), dcOptions)).toEqual([]);
  });

  it("passes EVs through the fast path and through javascript-lp-solver", () => {
    for (const backend of ["fast", "javascript-lp-solver"] as const) {
      const p = new EvPopulation({ agents: M, backend });
      expect(checkAgentPopulation(p, { seed: 2, horizon: 12, sampleXi: evXi(M), trials: backend === "fast" ? 10 : 3 })).toEqual([]);
    }
  });

  it("passes phones and a mixed population of all three kinds", () => {
    expect(checkAgentPopulation(new PhonePopulation({ agents: M }), { seed: 3, horizon: 12, sampleXi: phoneXi(M) })).toEqual([]);
    const mixed = new MixedPopulation([
      new DatacenterPopulation({ lambdas: [2, 4] }),
      new EvPopulation({ agents: 3 }),
      new PhonePopulation({ agents: 2 }),
    ]);
    const dcXi = datacenterXi(2);
    const ev = evXi(3);
    const phone = phoneXi(2);
    const sampleXi = (rng: Parameters<typeof ev>[0], batch: number) => {
      const [a, b, c] = [dcXi(rng, batch), ev(rng, batch), phone(rng, batch)];
      const xi = new Float64Array(batch * 7 * 2);
      for (let r = 0; r < batch; r++) {
        for (let j = 0; j < 2; j++) xi[(r * 7 + j) * 2] = a[r * 2 + j];
        for (let j = 0; j < 3; j++) xi.set(b.subarray((r * 3 + j) * 2, (r * 3 + j) * 2 + 2), (r * 7 + 2 + j) * 2);
        for (let j = 0; j < 2; j++) xi.set(c.subarray((r * 2 + j) * 2, (r * 2 + j) * 2 + 2), (r * 7 + 5 + j) * 2);
      }
      return xi;
    };
    expect(checkAgentPopulation(mixed, { seed: 4, horizon: 12, sampleXi })).toEqual([]);
  });

  it("gives the same verdict for the same seed", () => {
    const p = broken(dc(), { regrets: (f, t, xi, b) => dc().regrets(f, t, xi, b).map((v) => v - 0.01) });
    expect(checkAgentPopulation(p, dcOptions)).toEqual(checkAgentPopulation(p, dcOptions));
  });
});

// The kit itself is tested: each deliberately broken population must be caught by the check meant for it.
describe("checkAgentPopulation catches broken populations", () => {
  const real = dc();
  const shifted = (delta: number) => (f: ArrayLike<number>, t: ArrayLike<number>, xi: ArrayLike<number>, b: number) =>
    real.regrets(f, t, xi, b).map((v) => v + delta);

  it("negative regrets", () => {
    expect(checksFailed(broken(real, { regrets: shifted(-1) }))).toContain("non-negative");
  });

  it("a perfect forecast that still costs something", () => {
    const failed = checksFailed(broken(real, { regrets: shifted(0.1) }));
    expect(failed).toContain("zero-at-truth");
    expect(failed).not.toContain("non-negative");
  });

  it("the wrong number of values, or not a Float64Array", () => {
    expect(checksFailed(broken(real, { regrets: (f, t, xi, b) => real.regrets(f, t, xi, b).subarray(1) }))).toEqual(["shape"]);
    expect(checksFailed(broken(real, { regrets: (f, t, xi, b) => Array.from(real.regrets(f, t, xi, b)) }))).toEqual(["shape"]);
  });

  it("NaN regrets", () => {
    expect(checksFailed(broken(real, { regrets: (f, t, xi, b) => real.regrets(f, t, xi, b).fill(Number.NaN, 0, 1) }))).toContain("finite");
  });

  it("state carried between calls", () => {
    let calls = 0;
    const failed = checksFailed(broken(real, { regrets: (f, t, xi, b) => real.regrets(f, t, xi, b).map((v) => v * (1 + 1e-3 * calls++)) }));
    expect(failed).toContain("deterministic");
  });

  it("inputs written to", () => {
    const failed = checksFailed(broken(real, {
      regrets: (f, t, xi, b) => {
        const out = real.regrets(f, t, xi, b);
        (xi as Float64Array)[0] = 123;
        return out;
      },
    }));
    expect(failed).toContain("pure");
  });

  it("one sample's regrets reading another sample's forecast", () => {
    const failed = checksFailed(broken(real, {
      regrets: (f, t, xi, b) => {
        const first = new Float64Array(b).fill(f[0]);
        return real.regrets(first, t, xi, b);
      },
    }));
    expect(failed).toContain("rows-independent");
  });

  it("an agent reading its neighbour's context (a stride bug)", () => {
    const failed = checksFailed(broken(real, {
      regrets: (f, t, xi, b) => {
        const shiftedXi = new Float64Array(xi.length);
        for (let i = 0; i < xi.length; i++) shiftedXi[i] = xi[i % M === M - 1 ? i : i + 1];
        return real.regrets(f, t, shiftedXi, b);
      },
    }));
    expect(failed).toContain("own-context");
  });

  it("an agent reading agent 0's context, in a single trial (own-context swaps every agent's ξ)", () => {
    const failed = checkAgentPopulation(broken(real, {
      regrets: (f, t, xi, b) => real.regrets(f, t, Float64Array.from(xi, (_, i) => xi[i - (i % M)]), b),
    }), { ...dcOptions, trials: 1 }).map((f) => f.check);
    expect(failed).toContain("own-context");
  });

  it("repeated or empty ids", () => {
    expect(checksFailed(broken(real, { ids: ["a", "a", "b", "c", "d"] }))).toEqual(["identity"]);
    expect(checksFailed(broken(real, { ids: [] }))).toEqual(["identity"]);
  });

  it("claims to be differentiable without regretsTensor", () => {
    expect(checksFailed(broken(real, { dropTensor: true }))).toEqual(["differentiable-api"]);
  });

  it("tensor regrets that disagree with the float64 ones", () => {
    const failed = checksFailed(broken(real, { regretsTensor: (f, t, xi) => tf.mul(real.regretsTensor(f, t, xi), 1.5) }));
    expect(failed).toContain("tensor-matches-float");
    expect(failed).toContain("gradient");
  });

  it("a gradient the chain rule cannot see (the forecast detached)", () => {
    const failed = checksFailed(broken(real, {
      // Same values, but the forecast enters only through a copy tf.grad does not trace.
      regretsTensor: (f, t, xi) => real.regretsTensor(tf.tensor2d(f.dataSync(), f.shape as [number, number]), t, xi),
    }));
    expect(failed).toContain("gradient");
    expect(failed).not.toContain("tensor-matches-float");
  });

  it("tensors left behind by regretsTensor", () => {
    const kept: tf.Tensor[] = [];
    const failed = checksFailed(broken(real, {
      regretsTensor: (f, t, xi) => {
        kept.push(tf.square(f));
        return real.regretsTensor(f, t, xi);
      },
    }));
    expect(failed).toEqual(["no-tensor-leak"]);
    tf.dispose(kept);
  });

  it("assertConformingPopulation throws one error listing every failure", () => {
    const p = broken(real, { regrets: shifted(-1) });
    expect(() => assertConformingPopulation(p, dcOptions)).toThrow(ConformanceError);
    expect(() => assertConformingPopulation(p, dcOptions)).toThrow(/\[non-negative\] trial 0, sample \d, agent datacenter-\d: regret -/);
    expect(() => assertConformingPopulation(dc(), dcOptions)).not.toThrow();
  });

  it("refuses a sampler that draws the wrong number of ξ values", () => {
    expect(() => checkAgentPopulation(dc(), { ...dcOptions, sampleXi: datacenterXi(M - 1) })).toThrow(/sampleXi gave 16 values for batch 4, expected 20/);
  });
});
