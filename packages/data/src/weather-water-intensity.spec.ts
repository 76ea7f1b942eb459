import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { onsiteWaterIntensity } from "./onsite-water.js";
import { loadWeatherWaterIntensity } from "./weather-water-intensity.js";
import { stullWetBulb } from "./wet-bulb.js";

const PREAMBLE = ["LOCATION,x", "DESIGN CONDITIONS,0", "TYPICAL/EXTREME PERIODS,0", "GROUND TEMPERATURES,0", "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0", 'COMMENTS 1,"a, b"', "COMMENTS 2,", "DATA PERIODS,1,1,Data,Sunday,1/ 1,12/31"];

function epwRow(hour: number, dry: string, rh: string): string {
  return `2012,1,1,${hour},0,?9?9,${dry},3.30,${rh},101897,0,0,260`;
}

function tmpEpw(rows: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-data-")), "w.epw");
  writeFileSync(file, `${[...PREAMBLE, ...rows].join("\r\n")}\r\n`);
  return file;
}

describe("loadWeatherWaterIntensity", () => {
  itSharedData("derives 8760 wet-bulb values from the real San Jose EPW, none above the dry bulb", () => {
    const w = loadWeatherWaterIntensity(path.join(sharedDataDir, "weather", "san-jose-tmy.epw"));
    expect(w.wetBulbC.length).toBe(8760);
    expect(w.waterIntensity.length).toBe(8760);
    // First hour: 6.10 °C at 82 % RH.
    expect(w.dryBulbC[0]).toBe(6.1);
    expect(w.wetBulbC[0]).toBeCloseTo(stullWetBulb(6.1, 82), 12);
    expect(w.waterIntensity[0]).toBeCloseTo(onsiteWaterIntensity(w.wetBulbC[0]), 12);
    let above = 0;
    for (let i = 0; i < 8760; i++) {
      if (!(w.wetBulbC[i] <= w.dryBulbC[i])) above++;
      if (!(w.waterIntensity[i] >= 0.05)) above++;
    }
    expect(above).toBe(0);
  });

  it("fills missing codes (99.9 °C, 999 %) and caps a wet bulb above the dry bulb", () => {
    const w = loadWeatherWaterIntensity(tmpEpw([epwRow(1, "10.0", "50"), epwRow(2, "99.9", "999"), epwRow(3, "20.0", "70"), epwRow(4, "30.0", "100")]));
    expect(w.quirks).toEqual({ missingDryBulb: 1, missingHumidity: 1, wetBulbCapped: 1 });
    expect(w.dryBulbC[1]).toBe(15);
    expect(w.wetBulbC[1]).toBeCloseTo(stullWetBulb(15, 60), 12);
    // Stull's fit gives 30.08 °C at 30 °C and 100 % RH.
    expect(w.wetBulbC[3]).toBe(30);
  });

  it("names file:line and column for a non-numeric dry bulb", () => {
    const file = tmpEpw([epwRow(1, "10.0", "50"), epwRow(2, "warm", "50")]);
    expect(() => loadWeatherWaterIntensity(file)).toThrow(InputError);
    expect(() => loadWeatherWaterIntensity(file)).toThrow(`${file}:10: column "dry bulb (column 7)"`);
  });

  it("rejects a header-only file, short rows and a missing file", () => {
    expect(() => loadWeatherWaterIntensity(tmpEpw([]))).toThrow(/no data rows/);
    const short = tmpEpw([epwRow(1, "10.0", "50"), "2012,1,1,2"]);
    expect(() => loadWeatherWaterIntensity(short)).toThrow(`${short}:10: expected at least 9 columns`);
    const missing = path.join(tmpdir(), "equitable-data-missing.epw");
    expect(() => loadWeatherWaterIntensity(missing)).toThrow(`${missing}: file not found`);
  });
});
