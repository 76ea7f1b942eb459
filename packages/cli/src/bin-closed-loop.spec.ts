import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, tempDir, tinyScenario, writeJson } from "./spec-fixtures.js";
import { expectOneLineError } from "./cli-result.spec-helper.js";

// EV chargers and procurement desks (both report their load) on 400 synthetic hours, a linear
// merit order: their load raises the signal where they put it.
const looped = (feedback: Record<string, unknown> = { model: "merit-order", slope: 0.02 }, extra: Record<string, unknown> = {}) => tinyScenario({
  data: { source: "synthetic", hours: 400 },
  horizon: 12,
  trainFraction: 0.6,
  agents: [{ type: "ev", count: 3, demand: "similar" }, { type: "procurement", count: 2 }],
  training: { epochs: 1, batchSize: 64, policyGradient: { samples: 2 } },
  methods: ["plain"],
  feedback,
  ...extra,
});

describe("equitable simulate --rounds (the closed loop)", () => {
  it("plays each model in the open and the closed loop, round by round, the same seed giving the same rounds.csv", async () => {
    const dir = tempDir("loop");
    const file = writeJson(dir, "loop.json", looped());
    const run = (out: string) => runInProcess(["simulate", file, "--rounds", "3", "--out", path.join(dir, out), "--quiet"], dir);
    const a = await run("a");
    expect(a.status, a.stderr).toBe(0);
    for (const row of ["plain open loop", "plain closed loop"]) expect(a.stdout).toContain(row);
    const rounds = readFileSync(path.join(dir, "a", "rounds.csv"), "utf8").trim().split("\n");
    expect(rounds[0]).toBe("deployment,seed,round,hour,version,distance,forecast_mean,signal_mean,baseline_mean,load,herding,variance,mean,worst,worst_agent");
    expect(rounds).toHaveLength(1 + 2 * 3);
    const cells = rounds.slice(1).map((l) => l.split(","));
    // Open loop: history's signal; closed loop: the agents' (positive) charging load raised it.
    for (const c of cells.filter((c) => c[0] === "plain open loop")) expect(Number(c[7])).toBe(Number(c[8]));
    expect(cells.filter((c) => c[0] === "plain closed loop").some((c) => Number(c[7]) !== Number(c[8]))).toBe(true);
    expect(cells.map((c) => Number(c[4]))).toEqual([0, 1, 2, 0, 1, 2]);
    const summary = JSON.parse(readFileSync(path.join(dir, "a", "simulate.json"), "utf8"));
    expect(summary.loops.map((l: { deployment: string }) => l.deployment)).toEqual(["plain open loop", "plain closed loop"]);
    const b = await run("b");
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "b", "rounds.csv"), "utf8")).toBe(readFileSync(path.join(dir, "a", "rounds.csv"), "utf8"));
  }, 240_000);

  it("an unknown response model is one line naming feedback.model, exit 2", async () => {
    const dir = tempDir("loop-bad");
    const r = await runInProcess(["simulate", writeJson(dir, "s.json", looped({ model: "supply-curve" })), "--rounds", "2", "--out", path.join(dir, "o")], dir);
    const line = expectOneLineError(r, "feedback.model", "supply-curve", "merit-order");
    expect(line).toMatch(/known: merit-order, linear-shift/);
    expect(existsSync(path.join(dir, "o"))).toBe(false);
  });

  it("a slope that is not a finite number is one line naming feedback.slope, exit 2", async () => {
    const dir = tempDir("loop-bad");
    // 1e999 is valid JSON and parses to Infinity.
    const text = JSON.stringify(looped({ model: "merit-order", slope: 12345 })).replace("12345", "1e999");
    const file = path.join(dir, "s.json");
    (await import("node:fs")).writeFileSync(file, text);
    expectOneLineError(await runInProcess(["simulate", file, "--rounds", "2", "--out", path.join(dir, "o")], dir), "feedback.slope");
  });

  it("a slope that makes the signal negative is one line naming feedback.slope, exit 2, and the output directory holds no rounds.csv", async () => {
    const dir = tempDir("loop-bad");
    const r = await runInProcess(["simulate", writeJson(dir, "s.json", looped({ model: "merit-order", slope: -50 })), "--rounds", "2", "--out", path.join(dir, "o"), "--quiet"], dir);
    expectOneLineError(r, "feedback.slope", "negative");
    expect(existsSync(path.join(dir, "o", "rounds.csv"))).toBe(false);
  }, 120_000);

  it("feedback with a kind that acts statelessly (data centres) is one line naming the group's type, exit 2", async () => {
    const dir = tempDir("loop-bad");
    const s = looped({ model: "linear-shift", epsilon: 0.5 }, { agents: [{ type: "datacenter", count: 2, lambda: "same", demand: "similar" }] });
    const line = expectOneLineError(await runInProcess(["simulate", writeJson(dir, "s.json", s), "--rounds", "2", "--out", path.join(dir, "o")], dir), "agents[0].type", "datacenter");
    expect(line).toMatch(/kinds that can: .*ev.*procurement/);
  });

  it("--rounds without feedback is one line naming --rounds, exit 2", async () => {
    const dir = tempDir("loop-bad");
    const { feedback: _none, ...plain } = looped();
    expectOneLineError(await runInProcess(["simulate", writeJson(dir, "s.json", plain), "--rounds", "2", "--out", path.join(dir, "o")], dir), "--rounds", "feedback");
  });
});
