import { describe, expect, it } from "vitest";
import { MIN_ONSITE_WATER, onsiteWaterIntensity } from "./onsite-water.js";

const celsius = (f: number) => ((f - 32) * 5) / 9;

describe("onsiteWaterIntensity", () => {
  it("evaluates the cubic in °F times c/(c−1) = 6/5", () => {
    // 60 °F: 6e-5·216000 − 0.01·3600 + 0.61·60 − 10.4 = 3.16; × 1.2 = 3.792.
    expect(onsiteWaterIntensity(celsius(60))).toBeCloseTo(3.792, 9);
    // 32 °F: 1.96608 − 10.24 + 19.52 − 10.4 = 0.84608; × 1.2.
    expect(onsiteWaterIntensity(0)).toBeCloseTo(0.84608 * 1.2, 9);
  });

  it("floors at 0.05 L/kWh where the fit would go negative", () => {
    expect(onsiteWaterIntensity(celsius(0))).toBe(MIN_ONSITE_WATER);
    expect(onsiteWaterIntensity(-30)).toBe(0.05);
  });

  it("uses the given cycles of concentration", () => {
    expect(onsiteWaterIntensity(celsius(60), 2)).toBeCloseTo(3.16 * 2, 9);
  });
});
