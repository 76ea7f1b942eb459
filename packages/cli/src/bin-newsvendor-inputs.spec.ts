import path from "node:path";
import { beforeAll, describe, it } from "vitest";
import { fuelMixCsv, runInProcess, tempDir, tinyScenario, writeJson, writeText } from "./spec-fixtures.js";
import { expectOneLineError } from "./cli-result.spec-helper.js";

// Issue 11's bad inputs of the agents whose costs are not affine in the signal (procurement desks,
// offset-buying EV fleets): exit 2, one line naming the field, before any training.

let dir: string;

const loadCsv = (hours: number) => [",cpu_load", ...Array.from({ length: hours }, (_, h) => `${h + 1},${(0.3 + 0.1 * Math.sin(h / 5)).toFixed(4)}`)].join("\n");
const desks = (group: Record<string, unknown>, data?: Record<string, unknown>) =>
  tinyScenario({ ...(data ? { data } : {}), agents: [{ type: "procurement", count: 3, ...group }], horizon: 1 });
const fleets = (group: Record<string, unknown>) => tinyScenario({ agents: [{ type: "ev-offsets", count: 3, ...group }], horizon: 4 });

beforeAll(() => {
  dir = tempDir("newsvendor-inputs");
  writeText(dir, "data/carbon/c.csv", fuelMixCsv(300));
  writeText(dir, "data/workload/short.csv", loadCsv(120));
});

describe("bad newsvendor inputs", () => {
  it.each([
    ["a procurement τ of 1", desks({ tau: [0.2, 0.5, 1] }), "agents[0].tau[2]", "τ must be in (0, 1)"],
    ["a procurement τ of 0", desks({ tau: [0, 0.5, 0.7] }), "agents[0].tau[0]", "τ must be in (0, 1)"],
    ["a negative procurement price", desks({ price: -1 }), "agents[0].price", ""],
    ["an offset fleet's τ of 1.5", fleets({ tau: [0.2, 1.5, 0.3] }), "agents[0].tau[1]", "τ must be in (0, 1)"],
    ["a negative offset penalty", fleets({ penalty: -2 }), "agents[0].penalty", ""],
    ["a τ list that does not match the count", fleets({ tau: [0.2, 0.3] }), "tau", "lists 2 values for 3 fleets"],
  ])("%s", async (_what, scenario, field, why) => {
    const file = writeJson(dir, `s-${field.replace(/\W/g, "_")}-${why.length}.json`, scenario);
    expectOneLineError(await runInProcess(["run", file, "--out", path.join(dir, "never")], dir), field, why);
  });

  it("a load trace shorter than the carbon series names data.load", async () => {
    const file = writeJson(dir, "short-load.json", desks({}, { source: "real", carbon: "carbon/c.csv", load: "workload/short.csv" }));
    expectOneLineError(await runInProcess(["run", file, "--data-dir", path.join(dir, "data"), "--out", path.join(dir, "never")], dir), "data.load", "120 hours");
  });
});
