import { describe, expect, it } from "vitest";
import { chronologicalSplit, clampPositive, minMaxScale, slidingWindows, syntheticSignals } from "./index.js";

describe("the public API end to end", () => {
  it("turns a synthetic signal into scaled, windowed, split training data", () => {
    const { carbon } = syntheticSignals({ hours: 24 * 30, seed: "pipeline" });
    const scaled = minMaxScale(carbon);
    const signal = clampPositive(scaled.values);
    expect(Math.min(...signal)).toBe(0.01);
    expect(Math.max(...signal)).toBe(10);
    const windows = slidingWindows(signal, { window: 12, horizon: 1 });
    expect(windows.size).toBe(24 * 30 - 12);
    expect(windows.y[0]).toBe(Math.fround(signal[12]));
    const { train, test } = chronologicalSplit(windows.size, 0.8);
    expect(train.length + test.length).toBe(windows.size);
    expect(train[train.length - 1] + 1).toBe(test[0]);
  });
});
