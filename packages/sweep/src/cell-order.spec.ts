import { describe, expect, it } from "vitest";
import { longestFirst } from "./cell-order.js";

const cell = (index: number, method: string, epochs: number) => ({ index, method, epochs });

describe("longestFirst", () => {
  it("runs regret-based and longer cells before Plain PM's and shorter ones, keeping the expansion order among equals", () => {
    const cells = [cell(0, "plain", 10), cell(1, "equitable", 10), cell(2, "equitable", 10), cell(3, "plain", 10), cell(4, "irw", 10), cell(5, "equitable", 40)];
    expect(longestFirst(cells).map((c) => c.index)).toEqual([5, 1, 2, 4, 0, 3]);
  });

  it("shortens the tail of two workers on the bench's shape of sweep (4 seeds × Plain + 3 Equitable)", () => {
    // Greedy list scheduling on 2 workers with Plain = 1, Equitable = 2.5 time units per cell.
    const cells = [1, 2, 3, 4].flatMap((s) => [cell(4 * s, "plain", 1), cell(4 * s + 1, "equitable", 1), cell(4 * s + 2, "equitable", 1), cell(4 * s + 3, "equitable", 1)]);
    const makespan = (order: typeof cells) => {
      const free = [0, 0];
      for (const c of order) {
        const k = free[0] <= free[1] ? 0 : 1;
        free[k] += c.method === "plain" ? 1 : 2.5;
      }
      return Math.max(...free);
    };
    // 4 × 1 + 12 × 2.5 = 34 units: longest first splits them evenly, the expansion order leaves one worker idle 1 unit.
    expect(makespan(longestFirst(cells))).toBe(17);
    expect(makespan(cells)).toBe(18);
  });
});
