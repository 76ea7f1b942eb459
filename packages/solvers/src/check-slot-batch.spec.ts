import { describe, expect, it } from "vitest";
import { checkSlotBatch } from "./check-slot-batch.js";

describe("checkSlotBatch", () => {
  it("accepts rows×T forecast and truth with rows×M×2 ξ, and names what is off as a RangeError", () => {
    const ok = new Float64Array(2 * 3);
    expect(() => checkSlotBatch(ok, ok, new Float64Array(2 * 4 * 2), 2, 4, 3)).not.toThrow();
    expect(() => checkSlotBatch([], [], [], 0, 4, 3)).not.toThrow();
    expect(() => checkSlotBatch(new Float64Array(2 * 4), ok, new Float64Array(16), 2, 4, 3)).toThrow(
      new RangeError("regrets: forecast has 8 values, expected 2 rows × 3 slots (horizon must equal T)"),
    );
    expect(() => checkSlotBatch(ok, new Float64Array(5), new Float64Array(16), 2, 4, 3)).toThrow("regrets: truth has 5 values, expected 2×3");
    expect(() => checkSlotBatch(ok, ok, new Float64Array(8), 2, 4, 3)).toThrow("regrets: xi has 8 values, expected 2×4×2");
    expect(() => checkSlotBatch(ok, ok, new Float64Array(16), 1.5, 4, 3)).toThrow(RangeError);
  });
});
