import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { timeOfUseTariff } from "./time-of-use-tariff.js";

describe("timeOfUseTariff", () => {
  it("prices [peakStart, peakEnd) at the peak rate, day after day", () => {
    const p = timeOfUseTariff({ hours: 48, peakStart: 16, peakEnd: 21, peakRate: 0.5, offPeakRate: 0.2 });
    expect(p.length).toBe(48);
    for (let i = 0; i < 48; i++) expect(p[i]).toBe(i % 24 >= 16 && i % 24 < 21 ? 0.5 : 0.2);
    expect(p.filter((v) => v === 0.5).length).toBe(10);
  });

  it("starts at startHour and wraps a peak past midnight", () => {
    const p = timeOfUseTariff({ hours: 6, startHour: 21, peakStart: 22, peakEnd: 2, peakRate: 3, offPeakRate: 1 });
    // Hours of day 21, 22, 23, 0, 1, 2.
    expect(Array.from(p)).toEqual([1, 3, 3, 3, 3, 1]);
    const toMidnight = timeOfUseTariff({ hours: 24, peakStart: 20, peakEnd: 24, peakRate: 2, offPeakRate: 1 });
    expect(Array.from(toMidnight.subarray(19))).toEqual([1, 2, 2, 2, 2]);
  });

  it("names the bad field", () => {
    const ok = { hours: 24, peakStart: 16, peakEnd: 21, peakRate: 0.5, offPeakRate: 0.2 };
    const where = (o: Partial<typeof ok> & { startHour?: number }) => {
      try {
        timeOfUseTariff({ ...ok, ...o });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).where;
      }
      return "no error";
    };
    expect(where({})).toBe("no error");
    expect(where({ hours: 0 })).toBe("hours");
    expect(where({ hours: 2.5 })).toBe("hours");
    expect(where({ startHour: 24 })).toBe("startHour");
    expect(where({ peakStart: -1 })).toBe("peakStart");
    expect(where({ peakEnd: 25 })).toBe("peakEnd");
    expect(where({ peakEnd: 16 })).toBe("peakEnd");
    expect(where({ peakRate: Number.NaN })).toBe("peakRate");
    expect(where({ offPeakRate: -0.1 })).toBe("offPeakRate");
  });
});
