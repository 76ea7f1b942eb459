import { describe, expect, it } from "vitest";
import { createRandom } from "./random.js";
import { meanCi95 } from "./confidence-interval.js";

describe("meanCi95", () => {
  it("is the mean with t·s/√n (n = 5: t = 2.776)", () => {
    const ci = meanCi95([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.halfWidth).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect(Number.isNaN(meanCi95([4]).halfWidth)).toBe(true);
  });

  it("covers the true mean about 95 % of the time (2000 seeded samples of 5 normals)", () => {
    const rng = createRandom("ci");
    let covered = 0;
    for (let k = 0; k < 2000; k++) {
      const ci = meanCi95(Array.from({ length: 5 }, () => 10 + 3 * rng.normal()));
      if (Math.abs(ci.mean - 10) <= ci.halfWidth) covered++;
    }
    // Binomial(2000, 0.95) has sd ≈ 9.7: 1900 ± 40 is over 4 sd.
    expect(covered).toBeGreaterThan(1860);
    expect(covered).toBeLessThan(1940);
  });
});
