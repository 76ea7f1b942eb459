import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { CARBON_FACTORS, loadCarbonIntensity } from "./carbon-intensity.js";

const carbonFile = (ba: string) => path.join(sharedDataDir, "carbon", `eia-fuelmix-${ba}-2022.csv`);
const lo = Math.min(...Object.values(CARBON_FACTORS));
const hi = Math.max(...Object.values(CARBON_FACTORS));
// Counting misses instead of one expect per hour keeps 8760-value checks fast and the failure readable.
const outsideFactorRange = (values: Float64Array) => values.filter((v) => !(Number.isFinite(v) && v >= lo && v <= hi)).length;

describeSharedData("loadCarbonIntensity on the real EIA files", () => {
  // In a hook, not the suite body: a skipped suite's body still runs to collect its tests.
  let ciso: ReturnType<typeof loadCarbonIntensity>;
  beforeAll(() => {
    ciso = loadCarbonIntensity(carbonFile("CISO"));
  });

  it("loads CISO: 8760 hours, 3 empty hours filled, all within the factor range", () => {
    expect(ciso.values.length).toBe(8760);
    expect(ciso.start).toBe("2022-01-01T00:00:00.000Z");
    expect(ciso.quirks).toEqual({ emptyRows: 3, negativeCells: 0, blankCells: 0 });
    expect(outsideFactorRange(ciso.values)).toBe(0);
  });

  it("computes CISO line 2 (2022-01-01 00:00) from its fuel cells", () => {
    // WND 3130, SUN 1367, WAT 2304, OIL 44, NG 6764, COL 19, NUC 2265, OTH 189 MWh.
    const weighted = 3130 * 0.023 + 1367 * 0.02 + 2304 * 0.014 + 44 * 0.89 + 6764 * 0.44 + 19 * 0.968 + 2265 * 0.015 + 189 * 0.45;
    expect(weighted).toBeCloseTo(3284.323, 9);
    expect(ciso.values[0]).toBeCloseTo(3284.323 / 16082, 12);
  });

  it("fills CISO's empty hour at line 108 (2022-01-05 10:00) halfway between its neighbours", () => {
    const i = 108 - 2;
    expect(ciso.values[i]).toBeCloseTo((ciso.values[i - 1] + ciso.values[i + 1]) / 2, 12);
  });

  it("counts PJM's 23 empty hours and MISO's 3 (blank but for OIL 0.0)", () => {
    const pjm = loadCarbonIntensity(carbonFile("PJM"));
    expect(pjm.values.length).toBe(8760);
    expect(pjm.quirks.emptyRows).toBe(23);
    const miso = loadCarbonIntensity(carbonFile("MISO"));
    expect(miso.values.length).toBe(8760);
    expect(miso.quirks.emptyRows).toBe(3);
    expect(outsideFactorRange(pjm.values)).toBe(0);
    expect(outsideFactorRange(miso.values)).toBe(0);
    // PJM's run of 22 empty hours (lines 1713–1734) lies on the line between lines 1712 and 1735.
    const a = 1712 - 2;
    const b = 1735 - 2;
    const mid = 1720 - 2;
    expect(pjm.values[mid]).toBeCloseTo(pjm.values[a] + ((pjm.values[b] - pjm.values[a]) * (mid - a)) / (b - a), 12);
  });
});
