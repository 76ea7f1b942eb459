import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTotalGeneration } from "./total-generation.js";

const header = "timestamp,WND,SUN,WAT,OIL,NG,COL,NUC,OTH";

describe("loadTotalGeneration", () => {
  it("sums the fuel columns per hour and fills an empty hour between its neighbours", () => {
    const dir = mkdtempSync(join(tmpdir(), "gen-"));
    const file = join(dir, "mix.csv");
    writeFileSync(file, [header,
      "2022-01-01 00:00:00+00:00,1,2,3,4,5,6,7,8",
      "2022-01-01 01:00:00+00:00,,,,,,,,",
      "2022-01-01 02:00:00+00:00,10,0,0,0,0,0,0,-4",
    ].join("\n"));
    const g = loadTotalGeneration(file);
    expect(Array.from(g.values)).toEqual([36, 23, 10]);
    expect(g.quirks.emptyRows).toBe(1);
  });
});
