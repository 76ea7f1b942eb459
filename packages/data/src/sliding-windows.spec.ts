import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { slidingWindows } from "./sliding-windows.js";

describe("slidingWindows", () => {
  it("cuts every window → horizon pair with stride 1", () => {
    const w = slidingWindows([10, 11, 12, 13, 14, 15], { window: 3, horizon: 2 });
    expect(w.size).toBe(2);
    expect(Array.from(w.x)).toEqual([10, 11, 12, 11, 12, 13]);
    expect(Array.from(w.y)).toEqual([13, 14, 14, 15]);
    expect(Array.from(w.t)).toEqual([3, 4]);
    expect(w.x).toBeInstanceOf(Float32Array);
    expect(w.t).toBeInstanceOf(Int32Array);
  });

  it("gives one row when window + horizon equals the length", () => {
    const w = slidingWindows([1, 2, 3], { window: 2, horizon: 1 });
    expect(w.size).toBe(1);
    expect(Array.from(w.y)).toEqual([3]);
  });

  it("rejects a window + horizon longer than the series", () => {
    const call = () => slidingWindows([1, 2, 3, 4, 5], { window: 12, horizon: 1 });
    expect(call).toThrow(InputError);
    expect(call).toThrow("window: window (12) + horizon (1) exceeds the series length (5)");
  });

  it("rejects non-positive or fractional sizes", () => {
    expect(() => slidingWindows([1, 2, 3], { window: 0, horizon: 1 })).toThrow(/^window:/);
    expect(() => slidingWindows([1, 2, 3], { window: 1, horizon: 1.5 })).toThrow(/^horizon:/);
  });
});
