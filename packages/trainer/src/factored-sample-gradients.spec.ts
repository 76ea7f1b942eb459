import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { FactoredSampleGradients } from "./factored-sample-gradients.js";

/** Random factored gradients and every sample's gradient as an explicit P-vector (combine of a one-hot). */
function randomGradients(rows: number, agents: number, horizon: number, p: number) {
  const rng = createRandom(horizon * 100 + rows);
  const g = new FactoredSampleGradients(
    rows, agents, horizon, p,
    Float32Array.from({ length: rows * horizon * p }, () => rng.normal()),
    Float64Array.from({ length: rows * agents * horizon }, () => rng.normal()),
  );
  const explicit = Array.from({ length: g.count }, (_, a) => g.combine(Float64Array.from({ length: g.count }, (_, b) => (b === a ? 1 : 0))));
  return { g, explicit };
}
const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, k) => s + x * v[k], 0);

describe("FactoredSampleGradients", () => {
  for (const horizon of [1, 3]) {
    it(`dot, project and squaredDistances agree with explicit gradient vectors (horizon ${horizon})`, () => {
      const { g, explicit } = randomGradients(5, 3, horizon, 4);
      const v = Float64Array.from({ length: 4 }, (_, k) => k - 1.5);
      const projected = g.project(v);
      const out = new Float64Array(g.count);
      for (let a = 0; a < g.count; a++) {
        expect(projected[a]).toBeCloseTo(dot(explicit[a], v), 9);
        g.squaredDistances(a, out);
        for (let b = 0; b < g.count; b++) {
          expect(g.dot(a, b)).toBeCloseTo(dot(explicit[a], explicit[b]), 9);
          const diff = explicit[a].map((x, k) => x - explicit[b][k]);
          expect(out[b]).toBeCloseTo(dot(diff, diff), 8);
        }
      }
    });
  }

  it("slice and concat keep each sample's gradient", () => {
    const { g, explicit } = randomGradients(6, 2, 1, 3);
    const back = FactoredSampleGradients.concat([g.slice(0, 2), g.slice(2, 4)]);
    expect(back.count).toBe(12);
    const unit = Float64Array.from([1, 0, 0]);
    const p = back.project(unit);
    for (let a = 0; a < 12; a++) expect(p[a]).toBeCloseTo(explicit[a][0], 9);
  });
});
