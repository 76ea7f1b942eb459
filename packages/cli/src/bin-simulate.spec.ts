import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, tempDir, tinyScenario, writeJson } from "./spec-fixtures.js";
import { expectOneLineError } from "./cli-result.spec-helper.js";

// A stateful kind (EV chargers) beside a stateless one (data centres), deployed over a synthetic test period.
const mixed = () => tinyScenario({
  data: { source: "synthetic", hours: 600 },
  horizon: 12,
  agents: [
    { type: "ev", count: 3, demand: "similar", rate: "session" },
    { type: "datacenter", count: 2, lambda: "different", demand: "similar" },
  ],
  training: { epochs: 1, batchSize: 64, warmStart: true, equitableLearningRate: 0.002, policyGradient: { samples: 2, baseline: "leave-one-out" } },
  q: [2],
});

describe("equitable simulate", () => {
  it("deploys each model frozen and retrained, over the test period, the same seed giving the same weeks", async () => {
    const dir = tempDir("simulate");
    const file = writeJson(dir, "mixed.json", mixed());
    const run = (out: string) => runInProcess(["simulate", file, "--retrain-every", "2d", "--retrain-epochs", "1", "--out", path.join(dir, out), "--quiet"], dir);
    const a = await run("a");
    expect(a.status, a.stderr).toBe(0);
    for (const row of ["plain frozen", "plain retrained/48h", "equitable-q+1=3 frozen", "equitable-q+1=3 retrained/48h"]) expect(a.stdout).toContain(row);
    const summary = JSON.parse(readFileSync(path.join(dir, "a", "simulate.json"), "utf8"));
    const retrained = summary.deployments.find((d: { deployment: string }) => d.deployment === "plain retrained/48h");
    const frozen = summary.deployments.find((d: { deployment: string }) => d.deployment === "plain frozen");
    // The test split of 600 − 23 windows is 191 hours: retrains start at hours 48, 96, 144 and deploy one hour later.
    expect(frozen.versions).toEqual([{ version: 0, tick: 0, hour: expect.any(Number) }]);
    expect(retrained.versions.map((v: { tick: number }) => v.tick)).toEqual([0, 49, 97, 145]);
    expect(summary.deployments.every((d: { weeklyWorst: number; weeklyVariance: number }) => d.weeklyWorst >= 0 && d.weeklyVariance >= 0)).toBe(true);
    const daily = readFileSync(path.join(dir, "a", "daily-regrets.csv"), "utf8").trim().split("\n");
    expect(daily[0]).toBe("deployment,seed,day,hour,agent,regret");
    expect(daily.some((l) => l.includes(",ev-0-00,"))).toBe(true);
    expect(daily.some((l) => l.includes(",datacenter-1-01,"))).toBe(true);
    const b = await run("b");
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "b", "weekly-equity.csv"), "utf8")).toBe(readFileSync(path.join(dir, "a", "weekly-equity.csv"), "utf8"));
  }, 240_000);

  it("refuses a retraining cadence that is not a whole number of hours, on one line", async () => {
    const dir = tempDir("simulate-bad");
    const file = writeJson(dir, "mixed.json", mixed());
    expectOneLineError(await runInProcess(["simulate", file, "--retrain-every", "0h", "--out", path.join(dir, "never")], dir), "--retrain-every", "168h or 7d");
    expectOneLineError(await runInProcess(["simulate", file, "--retrain-every", "1.5", "--out", path.join(dir, "never")], dir), "--retrain-every");
  });
});
