import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { earlierRun, expectNotMixed, markerOf } from "../../experiment/src/store/run-store.spec-helper.js";
import { azureCsv, evSessionsCsv, fuelMixCsv, repoRoot, runCli, tempDir, tinyScenario, writeJson, writeText, type CliResult } from "./spec-fixtures.js";

// Bad input of every kind must end the same way: exit code 2, exactly one line on stderr that
// names the field, file or line, no stack trace, and never a mix of runs in the output directory:
// an earlier complete run is left untouched (its marker says whose summary.json it is), or the
// failed run's own files are marked incomplete and there is no summary.json.

let dir: string;
let emptyDataDir: string;
const realScenario = path.join(repoRoot, "scenarios", "datacenter-different-agents-different-lambda.json");

beforeAll(() => {
  dir = tempDir("errors");
  emptyDataDir = tempDir("no-data");
  writeJson(dir, "bad-type.json", tinyScenario({ agents: [{ type: "heat-pump", count: 5, lambda: "same", demand: "similar" }] }));
  writeJson(dir, "bad-q.json", tinyScenario({ q: [0, -1] }));
  writeJson(dir, "tiny.json", tinyScenario());
  writeJson(dir, "warm.json", tinyScenario({ training: { epochs: 2, batchSize: 64, warmStart: true } }));
  writeJson(dir, "diverges.json", tinyScenario({ training: { epochs: 2, batchSize: 64, learningRate: 1e30 } }));
  writeText(dir, "broken.json", '{ "name": "broken", ');
  writeText(dir, "data/carbon/ok.csv", fuelMixCsv(300));
  writeText(dir, "data/carbon/bad-cell.csv", fuelMixCsv(300, { badCell: 5 }));
  writeText(dir, "data/carbon/header-only.csv", fuelMixCsv(0));
  writeText(dir, "data/carbon/short.csv", fuelMixCsv(30));
  writeText(dir, "data/datacenter/demand.csv", azureCsv(300));
  writeText(dir, "data/datacenter/short.csv", azureCsv(30));
  const real = (carbon: string, demand: string, extra: Record<string, unknown> = {}) =>
    tinyScenario({ data: { source: "real", carbon: `carbon/${carbon}`, demand: `datacenter/${demand}` }, ...extra });
  writeJson(dir, "bad-cell.json", real("bad-cell.csv", "demand.csv"));
  writeJson(dir, "header-only.json", real("header-only.csv", "demand.csv"));
  writeJson(dir, "long-window.json", real("short.csv", "short.csv", { window: 50 }));
  writeText(dir, "data/ev/ok.csv", evSessionsCsv(60));
  writeText(dir, "data/ev/nan.csv", evSessionsCsv(60, { 17: "NaN" }));
  writeText(dir, "data/price/nan.csv", `time,price\n${Array.from({ length: 300 }, (_, h) => `${new Date(Date.UTC(2022, 0, 1, h)).toISOString()},${h === 40 ? "NaN" : 0.3}`).join("\n")}\n`);
  const ev = (sessions: string, extra: Record<string, unknown> = {}) =>
    tinyScenario({
      data: { source: "real", carbon: "carbon/ok.csv", ev: `ev/${sessions}` },
      horizon: 12,
      agents: [{ type: "ev", count: 3, demand: "similar" }],
      training: { epochs: 1, batchSize: 64, policyGradient: { samples: 2 } },
      q: [0],
      ...extra,
    });
  writeJson(dir, "ev-nan.json", ev("nan.csv"));
  writeJson(dir, "irw-forced-pg.json", tinyScenario({ methods: ["irw"], training: { epochs: 1, batchSize: 64, policyGradient: { route: "policy-gradient", samples: 2 } } }));
  writeJson(dir, "irw-ev.json", ev("ok.csv", { methods: ["irw"] }));
  writeJson(dir, "irwo-bad-eps.json", tinyScenario({ methods: ["irwo"], methodOptions: { irwo: { eps: -1 } } }));
  writeJson(dir, "ev-short-window.json", ev("ok.csv", { horizon: 6 }));
  writeJson(dir, "ev-price-nan.json", ev("ok.csv", { signal: { priceWeight: 1, price: { kind: "csv", file: "price/nan.csv" } } }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(emptyDataDir, { recursive: true, force: true });
});

/** A fresh output directory holding a summary.json from an earlier complete run. */
function staleOut(name: string): string {
  const out = path.join(dir, "out", name);
  earlierRun(out, { "summary.json": '[{"method":"plain","mse":0.123}]\n' });
  return out;
}

/** Checks the bad-input contract and returns the one stderr line. */
function expectBadInput(r: CliResult, out: string | undefined, ...mentions: string[]): string {
  expect(r.status, r.stderr).toBe(2);
  const lines = r.stderr.split("\n");
  expect(lines, r.stderr).toHaveLength(2); // one line and its newline
  expect(lines[1]).toBe("");
  const line = lines[0];
  expect(line).toMatch(/^error: /);
  for (const m of mentions) expect(line).toContain(m);
  expect(r.stderr).not.toMatch(/^\s*at /m);
  expect(r.stderr).not.toContain("internal error");
  if (out !== undefined) expectNotMixed(out);
  return line;
}

describe("equitable run on bad input: exit 2, one line, never a mix of runs", () => {
  it("an unknown agent type names agents[0].type and the type", async () => {
    const out = staleOut("bad-type");
    expectBadInput(await runCli(["run", "bad-type.json", "--out", out], dir), out, "bad-type.json", "agents[0].type", "'heat-pump'");
  });

  it("a negative q in the file names q[1]", async () => {
    const out = staleOut("bad-q");
    expectBadInput(await runCli(["run", "bad-q.json", "--out", out], dir), out, "bad-q.json", "q[1]", "≥ 0");
  });

  it("--q -1 names q[0] like a file would", async () => {
    const out = staleOut("q-flag");
    expectBadInput(await runCli(["run", "tiny.json", "--q", "-1", "--out", out], dir), out, "command line", "q[0]");
  });

  it("a missing data file names the file", async () => {
    const out = staleOut("missing-data");
    const line = expectBadInput(await runCli(["run", realScenario, "--data-dir", emptyDataDir, "--out", out], dir), out, "not found");
    expect(line).toContain(path.join(emptyDataDir, "carbon", "eia-fuelmix-CISO-2022.csv"));
  });

  it("a real-data scenario without --data-dir names --data-dir", async () => {
    const out = staleOut("no-data-dir");
    expectBadInput(await runCli(["run", realScenario, "--out", out], dir), out, "--data-dir");
  });

  it("a non-numeric CSV cell names file:line and the column (the earlier run stays untouched)", async () => {
    const out = staleOut("bad-cell");
    // Hour 5 is on line 7: the header is line 1.
    expectBadInput(await runCli(["run", "bad-cell.json", "--data-dir", "data", "--out", out], dir), out, "carbon/bad-cell.csv:7", '"NG"', '"abc"');
  });

  it("a header-only data file names the file", async () => {
    const out = staleOut("header-only");
    expectBadInput(await runCli(["run", "header-only.json", "--data-dir", "data", "--out", out], dir), out, "carbon/header-only.csv", "no data rows");
  });

  it("a window longer than the series names window", async () => {
    const out = staleOut("long-window");
    expectBadInput(await runCli(["run", "long-window.json", "--data-dir", "data", "--out", out], dir), out, "window", "(30)");
  });

  it("EV agents: a NaN energy in the sessions file names file:line and the column", async () => {
    const out = staleOut("ev-nan");
    // Session 17 is on line 19: the header is line 1.
    expectBadInput(await runCli(["run", "ev-nan.json", "--data-dir", "data", "--out", out], dir), out, "ev/nan.csv:19", "total_power");
  });

  it("EV agents: NaN in the price signal names file:line", async () => {
    const out = staleOut("ev-price-nan");
    expectBadInput(await runCli(["run", "ev-price-nan.json", "--data-dir", "data", "--out", out], dir), out, "price/nan.csv:42", "NaN");
  });

  it("EV agents: a need the window cannot deliver names the agent and the session (infeasible)", async () => {
    const out = staleOut("ev-short-window");
    expectBadInput(
      await runCli(["run", "ev-short-window.json", "--data-dir", "data", "--out", out], dir), out, "error: agent ev-0-00, session 4: charging 7.00 h needs 7 slots", "infeasible", "horizon ≥ 7",
    );
  });

  it("leaves an earlier run in the default output directory runs/<name> untouched too", async () => {
    const out = path.join(dir, "runs", "tiny");
    earlierRun(out, { "summary.json": "[]\n" });
    expectBadInput(await runCli(["run", "tiny.json", "--q", "-1"], dir), out, "q[0]");
    expect(readFileSync(path.join(out, "summary.json"), "utf8")).toBe("[]\n");
  });

  it("a missing scenario file names the file", async () => {
    expectBadInput(await runCli(["run", "nope.json"], dir), undefined, "nope.json", "not found");
  });

  it("a scenario that is not JSON names the file", async () => {
    const out = staleOut("broken");
    expectBadInput(await runCli(["run", "broken.json", "--out", out], dir), out, "broken.json", "not valid JSON");
  });

  it("a non-integer --seed names --seed", async () => {
    const out = staleOut("seed");
    expectBadInput(await runCli(["run", "tiny.json", "--seed", "abc", "--out", out], dir), out, "--seed", "'abc'");
  });

  it("a training that diverges names the fields to change, exits 2 and leaves its files marked failed, no summary.json", async () => {
    const out = staleOut("diverges");
    expectBadInput(await runCli(["run", "diverges.json", "--out", out, "--quiet"], dir), out, "diverged", "training.learningRate");
    expect(existsSync(path.join(out, "summary.json"))).toBe(false);
    expect(markerOf(out)).toMatchObject({ status: "failed" });
  });

  it("IRW with policy gradient forced names training.policyGradient.route and says it trains through the chain rule only", async () => {
    const out = staleOut("irw-pg");
    expectBadInput(await runCli(["run", "irw-forced-pg.json", "--out", out], dir), out, "training.policyGradient.route", "'irw'", "chain-rule route only");
  });

  it("IRW on agents that need policy gradient (EVs) names methods and the kind", async () => {
    const out = staleOut("irw-ev");
    expectBadInput(await runCli(["run", "irw-ev.json", "--data-dir", "data", "--out", out], dir), out, "methods", "'irw'", "'ev'");
  });

  it("a bad IRWO option names methodOptions.irwo.eps", async () => {
    const out = staleOut("irwo-eps");
    expectBadInput(await runCli(["run", "irwo-bad-eps.json", "--out", out], dir), out, "methodOptions.irwo.eps");
  });

  it("train --method equitable on a warm-start scenario names training.warmStart", async () => {
    const out = staleOut("warm-train");
    expectBadInput(await runCli(["train", "warm.json", "--method", "equitable", "--out", out], dir), out, "training.warmStart");
  });

  it("an --out that is a file names --out", async () => {
    const file = writeText(dir, "out-is-a-file", "x");
    expectBadInput(await runCli(["run", "tiny.json", "--out", file], dir), undefined, "--out", "out-is-a-file");
  });
});

describe("equitable evaluate and the command line on bad input", () => {
  it("evaluate on a directory without a model names the directory", async () => {
    const r = await runCli(["evaluate", emptyDataDir], dir);
    expectBadInput(r, undefined, emptyDataDir, "not a saved model");
  });

  it("an unknown option exits 2 without a stack trace", async () => {
    const r = await runCli(["run", "tiny.json", "--no-such-option"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option");
    expect(r.stderr).not.toMatch(/^\s*at /m);
  });
});
