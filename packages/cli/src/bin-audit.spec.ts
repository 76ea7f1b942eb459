import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAuditJson, readAuditRegretsCsv } from "@equitable/audit";
import { HAND_ACTUALS, HAND_FORECASTS } from "../../audit/src/spec-fixtures.js";
import { runInProcess, tempDir, writeJson, writeText } from "./spec-fixtures.js";
import { expectOneLineError } from "./cli-result.spec-helper.js";

// `equitable audit` through the real CLI on the hand-built vintage table (packages/audit's specs work its
// numbers out by hand): what it writes, and bad input as one line, exit 2, before anything is written.

let dir: string;

const scenario = (over: Record<string, unknown> = {}) => ({
  name: "hand-audit",
  seed: 1,
  forecasts: { table: "f.csv", actuals: "a.csv" },
  decision: { steps: 2, start: "00:00" },
  bootstrap: { resamples: 200 },
  agents: [{ group: "desks", type: "procurement", count: 3 }],
  ...over,
});

/** The hand table with line `line` (1-based, the header is 1) replaced. */
function tableWith(line: number, text: string): string {
  const lines = HAND_FORECASTS.split("\n");
  lines[line - 1] = text;
  return lines.join("\n");
}

beforeAll(() => {
  dir = tempDir("audit");
  writeText(dir, "data/f.csv", HAND_FORECASTS);
  writeText(dir, "data/a.csv", HAND_ACTUALS);
  // Line 4 (01-02 02:00) swapped with line 3 (01-02 01:00): unsorted at line 4.
  writeText(dir, "data/unsorted.csv", tableWith(4, "2024-01-01T23:30Z,2024-01-02T00:30Z,30"));
  writeText(dir, "data/duplicate.csv", tableWith(4, "2024-01-01T23:30Z,2024-01-02T01:00Z,30"));
  writeText(dir, "data/overflow.csv", tableWith(6, "2024-01-02T23:30Z,2024-01-03T01:00Z,1e999"));
  writeText(dir, "data/nan.csv", tableWith(6, "2024-01-02T23:30Z,2024-01-03T01:00Z,NaN"));
  writeText(dir, "data/blank.csv", tableWith(6, "2024-01-02T23:30Z,2024-01-03T01:00Z,"));
  writeText(dir, "data/bad-actual.csv", `${HAND_ACTUALS}2024-01-08T00:00Z,inf\n`);
  writeJson(dir, "ok.json", scenario());
  writeJson(dir, "recal.json", scenario({
    recalibration: {
      seeds: [1], methods: ["plain", "equitable"], epochs: 2, batchSize: 2, learningRate: 0.01, validationFraction: 0.5,
      grid: { equitable: { beta: [0, 0.5], warmStart: [false, true] } },
    },
  }));
  writeJson(dir, "unsorted.json", scenario({ forecasts: { table: "unsorted.csv", actuals: "a.csv" } }));
  writeJson(dir, "duplicate.json", scenario({ forecasts: { table: "duplicate.csv", actuals: "a.csv" } }));
  writeJson(dir, "overflow.json", scenario({ forecasts: { table: "overflow.csv", actuals: "a.csv" } }));
  writeJson(dir, "nan.json", scenario({ forecasts: { table: "nan.csv", actuals: "a.csv" } }));
  writeJson(dir, "blank.json", scenario({ forecasts: { table: "blank.csv", actuals: "a.csv" } }));
  writeJson(dir, "bad-actual.json", scenario({ forecasts: { table: "f.csv", actuals: "bad-actual.csv" } }));
  writeJson(dir, "short-error.json", scenario({ shortIssues: "error" }));
  writeJson(dir, "too-long.json", scenario({ decision: { steps: 4, start: "00:00" } }));
  writeJson(dir, "escape.json", scenario({ forecasts: { table: "../../../etc/passwd" } }));
  writeJson(dir, "kind.json", scenario({ agents: [{ type: "robots", count: 2 }] }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const audit = (file: string, out: string, ...more: string[]) =>
  runInProcess(["audit", file, "--data-dir", "data", "--out", out, "--quiet", ...more], dir);

describe("equitable audit on the hand-built table", () => {
  it("with a recalibration, prints and writes each method's chosen setting with every candidate's validation figure, the same bytes on a rerun", async () => {
    const r = await audit("recal.json", "out-recal");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // 3 decision days (01-02, 01-03, 01-06): the first trains the candidates, the second validates them, the third is the test day.
    expect(r.stdout).toContain("Selection of each method's setting: trained on 1 decisions before 2024-01-03, scored on 1 validation decisions from it to 2024-01-06 (test days unseen)");
    expect(r.stdout).toMatch(/\| equitable \| 1 \| worst-α regret \| q 2 \(exponent 3\), β 0(\.5)?, (cold|from Plain), 2 epochs \| /);
    const summary = readAuditJson(readFileSync(path.join(dir, "out-recal", "audit.json"), "utf8"), "audit.json");
    const eq = summary.recalibration!.selection.find((s) => s.method === "equitable")!;
    expect(eq.candidates).toHaveLength(4);
    expect(eq.candidates[eq.chosen].validation).toBe(Math.min(...eq.candidates.map((c) => c.validation)));
    expect(summary.recalibration!.models.find((m) => m.method === "equitable")!.setting).toEqual(eq.candidates[eq.chosen].setting);
    expect((await audit("recal.json", "out-recal-2")).status).toBe(0);
    expect(readFileSync(path.join(dir, "out-recal-2", "audit.json"), "utf8")).toBe(readFileSync(path.join(dir, "out-recal", "audit.json"), "utf8"));
  });

  it("prints the grouped and band tables, counts the short issue and the missing outturn, and writes audit.json and audit-regrets.csv", async () => {
    const r = await audit("ok.json", "out-ok");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("next: 3 decisions; skipped 1 short issues, 0 beyond the issue, 0 gaps, 1 missing outturns, 0 without persistence");
    expect(r.stdout).toMatch(/\| published \| overall \| /);
    expect(r.stdout).toMatch(/\| perfect \| overall \| 0 \[0, 0\] \| 0 \[0, 0\]/);
    const summary = readAuditJson(readFileSync(path.join(dir, "out-ok", "audit.json"), "utf8"), "audit.json");
    expect(summary.decision.bands[0].skipped.shortIssues).toEqual(["2024-01-04T23:30Z"]);
    expect(summary.quirks.daysWithoutIssue).toBe(1);
    const lines = readAuditRegretsCsv(readFileSync(path.join(dir, "out-ok", "audit-regrets.csv"), "utf8"), "audit-regrets.csv");
    // 3 forecasts × 3 desks, one band.
    expect(lines).toHaveLength(9);
    expect(lines.filter((l) => l.forecast === "perfect").every((l) => l.meanRegret === 0)).toBe(true);
  });

  it("the same seed writes the same audit.json byte for byte", async () => {
    await audit("ok.json", "out-again");
    expect(readFileSync(path.join(dir, "out-again", "audit.json"), "utf8")).toBe(readFileSync(path.join(dir, "out-ok", "audit.json"), "utf8"));
  });
});

describe("equitable report <audit dir>", () => {
  it("renders the audit: the grouped table with difference() and ratio(), regret by horizon, per-agent change against the raw forecast", async () => {
    await audit("ok.json", "out-report-src");
    const r = await runInProcess(["report", "out-report-src", "--out", "rep"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const html = readFileSync(path.join(dir, "rep", "index.html"), "utf8");
    for (const text of ["By agent group", "difference()", "ratio()", "By horizon band", "Regret by horizon band", "Per-agent change against the raw forecast", "shortIssue 1"]) {
      expect(html).toContain(text);
    }
    for (const chart of ["regret-by-horizon", "change-against-raw", "regret-distribution"]) {
      expect(readFileSync(path.join(dir, "rep", "charts", `${chart}.svg`), "utf8")).toMatch(/^<svg/);
    }
  });

  it("renders a recalibrated audit with each method's setting chosen on validation days", async () => {
    await audit("recal.json", "out-report-recal");
    const r = await runInProcess(["report", "out-report-recal", "--out", "rep-recal"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const html = readFileSync(path.join(dir, "rep-recal", "index.html"), "utf8");
    expect(html).toContain("Setting chosen on validation days (from 2024-01-03, before the test days)");
    expect(html).toMatch(/<td>equitable<\/td><td>1<\/td><td>worst-α regret<\/td><td>q 2 \(exponent 3\), β 0(\.5)?, (cold|from Plain), 2 epochs<\/td><td>([*]?[-0-9.e+]+ \/ ){3}[*]?[-0-9.e+]+<\/td>/);
  });
});

describe("bad input: exit 2, one line naming the file:line, field or issue, nothing written", () => {
  const cases: [string, string[]][] = [
    ["unsorted.json", ["unsorted.csv:4", "not sorted by (issued_at, target_from)", "at line 3"]],
    ["duplicate.json", ["duplicate.csv:4", "duplicate (issued_at, target_from)", "first at line 3"]],
    ["overflow.json", ["overflow.csv:6", "column \"forecast\"", "1e999"]],
    ["nan.json", ["nan.csv:6", "column \"forecast\"", "is not a number"]],
    ["blank.json", ["blank.csv:6", "column \"forecast\" is blank"]],
    ["bad-actual.json", ["bad-actual.csv:17", "column \"actual\""]],
    ["short-error.json", ["f.csv:8", "issue 2024-01-04T23:30Z", "1 rows", "needs targets up to 2024-01-05T01:00Z"]],
    ["too-long.json", ["bands[0]", "no issue covers 4 steps", "the longest issue has 3 steps"]],
    ["escape.json", ["escape.json: forecasts.table", "outside the data directory"]],
    ["kind.json", ["kind.json: agents[0].type", "unknown agent type 'robots'"]],
  ];
  for (const [file, mentions] of cases) {
    it(`${file}: ${mentions[0]}`, async () => {
      const out = `out-${file}`;
      expectOneLineError(await audit(file, out), ...mentions);
      expect(existsSync(path.join(dir, out, "audit.json"))).toBe(false);
    });
  }

  it("no --data-dir: names the flag", async () => {
    expectOneLineError(await runInProcess(["audit", "ok.json", "--out", "out-nodir", "--quiet"], dir), "--data-dir");
  });

  it("--resamples below 100: names the flag", async () => {
    expectOneLineError(await audit("ok.json", "out-res", "--resamples", "5"), "--resamples", "not an integer ≥ 100");
  });
});
