import { describe, expect, it } from "vitest";
import { syntheticEvSessions } from "./synthetic-ev-sessions.js";

describe("syntheticEvSessions", () => {
  it("draws chronological 3–12 h sessions at Level-2 rates, the same for the same seed", () => {
    const a = syntheticEvSessions({ count: 500, seed: 3 });
    expect(a.size).toBe(500);
    for (let i = 0; i < a.size; i++) {
      expect(a.hours[i]).toBeGreaterThanOrEqual(3);
      expect(a.hours[i]).toBeLessThanOrEqual(12);
      const rate = a.energy[i] / a.hours[i];
      expect(rate).toBeGreaterThanOrEqual(1.5);
      expect(rate).toBeLessThanOrEqual(7);
      if (i > 0) expect(a.start[i]).toBeGreaterThan(a.start[i - 1]);
    }
    expect(syntheticEvSessions({ count: 500, seed: 3 })).toEqual(a);
    expect(syntheticEvSessions({ count: 500, seed: 4 }).energy).not.toEqual(a.energy);
    expect(() => syntheticEvSessions({ count: 0, seed: 1 })).toThrow(RangeError);
  });
});
