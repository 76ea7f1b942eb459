import { InputError } from "@equitable/core";
import { numberCell, readCsvRecords } from "./csv.js";
import { fillGaps } from "./fill-gaps.js";
import { onsiteWaterIntensity } from "./onsite-water.js";
import { stullWetBulb } from "./wet-bulb.js";

/** Lines before the first hourly row of an EPW file (LOCATION … DATA PERIODS). */
const EPW_HEADER_LINES = 8;
/** EPW's "missing" codes: dry bulb 99.9 °C, relative humidity 999 %. */
const MISSING_DRY_BULB = 99.9;
const MISSING_HUMIDITY = 999;

/** What the weather loader found and repaired. */
export interface WeatherQuirks {
  /** Dry-bulb cells blank or coded 99.9, filled by linear interpolation in time. */
  readonly missingDryBulb: number;
  /** Relative-humidity cells blank or coded 999, filled by linear interpolation in time. */
  readonly missingHumidity: number;
  /** Hours where Stull's fit put the wet bulb above the dry bulb (near saturation), capped at the dry bulb. */
  readonly wetBulbCapped: number;
}

/** Hourly weather-driven signals of an EPW file. */
export interface WeatherWaterIntensity {
  /** Dry-bulb temperature, °C, per hour. */
  readonly dryBulbC: Float64Array;
  /** Wet-bulb temperature, °C, per hour (Stull 2011, capped at the dry bulb). */
  readonly wetBulbC: Float64Array;
  /** Onsite cooling-tower water intensity, L/kWh, per hour. */
  readonly waterIntensity: Float64Array;
  /** What the loader found and repaired. */
  readonly quirks: WeatherQuirks;
}

function readColumn(
  file: string,
  line: number,
  cells: readonly string[],
  index: number,
  name: string,
  missingCode: number,
): number | undefined {
  const value = numberCell(file, line, name, cells[index]);
  return value === undefined || value >= missingCode ? undefined : value;
}

/**
 * Reads an EnergyPlus EPW weather file (8 header lines, then one row per hour; column 7 dry bulb °C,
 * column 9 relative humidity %) and derives wet bulb (Stull 2011) and onsite water intensity.
 * Missing-coded or blank cells are filled by linear interpolation in time; a wet bulb above the
 * dry bulb (the fit's error near saturation) is capped at the dry bulb, since that is physically impossible.
 */
export function loadWeatherWaterIntensity(file: string): WeatherWaterIntensity {
  const records = readCsvRecords(file, EPW_HEADER_LINES + 1);
  const n = records.length;
  const dryBulbC = new Float64Array(n);
  const humidity = new Float64Array(n);
  const dryMissing = new Uint8Array(n);
  const humidityMissing = new Uint8Array(n);
  let missingDryBulb = 0;
  let missingHumidity = 0;
  for (let i = 0; i < n; i++) {
    const { line, cells } = records[i];
    if (cells.length < 9) throw new InputError(`${file}:${line}`, `expected at least 9 columns, got ${cells.length}`);
    const t = readColumn(file, line, cells, 6, "dry bulb (column 7)", MISSING_DRY_BULB);
    const rh = readColumn(file, line, cells, 8, "relative humidity (column 9)", MISSING_HUMIDITY);
    if (t === undefined) {
      dryMissing[i] = 1;
      missingDryBulb++;
    } else {
      dryBulbC[i] = t;
    }
    if (rh === undefined) {
      humidityMissing[i] = 1;
      missingHumidity++;
    } else if (rh < 0 || rh > 100) {
      throw new InputError(`${file}:${line}`, `column "relative humidity (column 9)": ${rh} is outside 0–100 %`);
    } else {
      humidity[i] = rh;
    }
  }
  if (missingDryBulb === n) throw new InputError(file, "every dry-bulb value is missing");
  if (missingHumidity === n) throw new InputError(file, "every relative-humidity value is missing");
  fillGaps(dryBulbC, dryMissing);
  fillGaps(humidity, humidityMissing);
  const wetBulbC = new Float64Array(n);
  const waterIntensity = new Float64Array(n);
  let wetBulbCapped = 0;
  for (let i = 0; i < n; i++) {
    let tw = stullWetBulb(dryBulbC[i], humidity[i]);
    if (tw > dryBulbC[i]) {
      tw = dryBulbC[i];
      wetBulbCapped++;
    }
    wetBulbC[i] = tw;
    waterIntensity[i] = onsiteWaterIntensity(tw);
  }
  return { dryBulbC, wetBulbC, waterIntensity, quirks: { missingDryBulb, missingHumidity, wetBulbCapped } };
}
