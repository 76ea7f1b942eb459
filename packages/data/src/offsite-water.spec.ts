import path from "node:path";
import { describe, expect } from "vitest";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { loadOffsiteWaterIntensity } from "./offsite-water.js";

describe("loadOffsiteWaterIntensity", () => {
  itSharedData("weights the CISO fuel mix by gal/MWh × 3.785412", () => {
    const { values, quirks } = loadOffsiteWaterIntensity(path.join(sharedDataDir, "carbon", "eia-fuelmix-CISO-2022.csv"));
    expect(values.length).toBe(8760);
    expect(quirks.emptyRows).toBe(3);
    // Line 2: OIL 44, NG 6764, COL 19, NUC 2265, OTH 189 of 16082 MWh; wind, solar, hydro use no water.
    const gallons = 44 * 350 + 6764 * 300 + 19 * 450 + 2265 * 600 + 189 * 475;
    expect(values[0]).toBeCloseTo((gallons * 3.785412) / 16082, 9);
    expect(values.filter((v) => !(v >= 0 && v <= 600 * 3.785412)).length).toBe(0);
  });
});
