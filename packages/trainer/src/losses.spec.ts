import * as tf from "@equitable/core/tf";
import { beforeAll, describe, expect, it } from "vitest";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { createRandom } from "@equitable/core";
import fc from "fast-check";
import { equitableLoss, equitableLossOfMeans, equitableLossOfMeansOps, mseLoss, objectiveLoss } from "./losses.js";
import { plainMethod } from "./plain-method.js";
import { equitableMethod } from "./equitable-method.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("equitableLoss (Eq. 2)", () => {
  // Agents' batch means are C̄ = [2, 3] (columns of the 2×2 batch).
  const regrets = () => tf.tensor2d([[1, 2], [3, 4]]);

  it("is Σ_m C̄_m^(q+1) in power form", () => {
    expect(equitableLoss(regrets(), 2, "power").dataSync()[0]).toBeCloseTo(2 ** 2 + 3 ** 2, 5);
    expect(equitableLoss(regrets(), 1, "power").dataSync()[0]).toBeCloseTo(5, 5);
    expect(equitableLoss(regrets(), 3.5, "power").dataSync()[0]).toBeCloseTo(2 ** 3.5 + 3 ** 3.5, 3);
  });

  it("is (Σ_m C̄_m^(q+1))^(1/(q+1)) / M in norm form, without underflow for large exponents", () => {
    expect(equitableLoss(regrets(), 2, "norm").dataSync()[0]).toBeCloseTo(Math.sqrt(13) / 2, 5);
    // 1e-6^40 underflows float32; the scaled form must still give ≈ max/M.
    const tiny = tf.tensor2d([[1e-6, 2e-6]]);
    const v = equitableLoss(tiny, 40, "norm").dataSync()[0];
    expect(v).toBeGreaterThan(0);
    expect(v / (2e-6 / 2)).toBeCloseTo((1 + 0.5 ** 40) ** (1 / 40), 4);
  });

  it("combines with MSE by β (Appendix A.5) and ignores regrets for Plain PM", () => {
    const f = tf.tensor2d([[1], [2]]);
    const y = tf.tensor2d([[0], [4]]);
    const mse = mseLoss(f, y).dataSync()[0];
    expect(mse).toBeCloseTo((1 + 4) / 2, 6);
    let called = 0;
    const plain = objectiveLoss(plainMethod, { method: "plain" }, f, y, () => {
      called++;
      return regrets();
    });
    expect(plain.dataSync()[0]).toBeCloseTo(2.5, 6);
    expect(called).toBe(0);
    const combined = objectiveLoss(equitableMethod, { method: "equitable", q: 1, beta: 0.25, form: "power" }, f, y, regrets);
    expect(combined.dataSync()[0]).toBeCloseTo(0.75 * 13 + 0.25 * 2.5, 4);
  });
});

describe("the differentiable route's gradient", () => {
  // Float64 reference of L^q through the data-centre agents, for finite differences.
  function referenceLoss(pop: DatacenterPopulation, f: Float64Array, y: Float64Array, xi: Float64Array, b: number, p: number, form: "power" | "norm"): number {
    const r = pop.regrets(f, y, xi, b);
    const m = pop.size;
    let s = 0;
    for (let j = 0; j < m; j++) {
      let c = 0;
      for (let i = 0; i < b; i++) c += r[i * m + j];
      s += (c / b) ** p;
    }
    return form === "power" ? s : s ** (1 / p) / m;
  }

  for (const [p, form] of [[1, "power"], [3, "power"], [10, "norm"]] as const) {
    it(`matches central finite differences for q+1 = ${p} (${form})`, () => {
      const rng = createRandom(`fd-${p}`);
      const b = 16;
      const m = 5;
      const pop = new DatacenterPopulation({ lambdas: [2, 4, 10, 40, 100] });
      const f = Float64Array.from({ length: b }, () => 0.5 + 9 * rng.next());
      const y = Float64Array.from({ length: b }, () => 0.5 + 9 * rng.next());
      const xi = Float64Array.from({ length: b * m }, () => 0.1 + 10 * rng.next());
      const yT = tf.tensor2d(Float32Array.from(y), [b, 1]);
      const xiT = tf.tensor2d(Float32Array.from(xi), [b, m]);
      const grad = tf.grad((ft: tf.Tensor) => equitableLoss(pop.regretsTensor(ft as tf.Tensor2D, yT, xiT), p, form));
      const g = grad(tf.tensor2d(Float32Array.from(f), [b, 1])).dataSync();
      const scale = Math.max(...Array.from(g, Math.abs));
      for (let i = 0; i < b; i++) {
        const h = 1e-5 * Math.max(1, f[i]);
        const up = Float64Array.from(f);
        const down = Float64Array.from(f);
        up[i] += h;
        down[i] -= h;
        const fd = (referenceLoss(pop, up, y, xi, b, p, form) - referenceLoss(pop, down, y, xi, b, p, form)) / (2 * h);
        expect(Math.abs(g[i] - fd)).toBeLessThan(2e-3 * scale + 1e-2 * Math.abs(fd));
      }
      pop.dispose();
    });
  }
});

describe("equitableLossOfMeans: the custom op against the reference tfjs ops", () => {
  it("agree in value and gradient on 300 random mean-regret vectors, both forms, q+1 from 1 to 40", () => {
    const mean = fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 20, noNaN: true }));
    fc.assert(
      fc.property(fc.array(mean, { minLength: 1, maxLength: 12 }), fc.double({ min: 1, max: 40, noNaN: true }), fc.constantFrom("power" as const, "norm" as const), (means, p, form) => {
        fc.pre(form === "norm" || p <= 6); // the power form overflows float32 for large p at means of 20
        fc.pre(means.some((v) => v > 0)); // at C̄ = 0 the ops' gradient is NaN, the op's a subgradient
        const run = (f: typeof equitableLossOfMeans) => tf.tidy(() => {
          const x = tf.tensor1d(means);
          return [f(x, p, form).dataSync()[0], Array.from(tf.grad((t) => f(t as tf.Tensor1D, p, form))(x).dataSync())] as const;
        });
        const [v, g] = run(equitableLossOfMeans);
        const [vOps, gOps] = run(equitableLossOfMeansOps);
        expect(Math.abs(v - vOps)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(vOps)));
        g.forEach((x, j) => expect(Math.abs(x - gOps[j])).toBeLessThanOrEqual(1e-3 * (1 + Math.abs(gOps[j]))));
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  it("at all-zero means gives value 0 and a finite subgradient (1/M at q+1 = 1, 0 above)", () => {
    const grad = (p: number) => tf.tidy(() => Array.from(tf.grad((t) => equitableLossOfMeans(t as tf.Tensor1D, p, "norm"))(tf.zeros([4])).dataSync()));
    expect(grad(1)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(grad(3)).toEqual([0, 0, 0, 0]);
    expect(tf.tidy(() => equitableLossOfMeans(tf.zeros([4]) as tf.Tensor1D, 3, "norm").dataSync()[0])).toBe(0);
  });
});
