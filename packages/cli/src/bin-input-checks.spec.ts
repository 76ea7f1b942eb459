import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { azureCsv, fuelMixCsv, runInProcess, tempDir, tinyScenario, writeJson, writeText, type CliResult } from "./spec-fixtures.js";
import { expectOneLineError } from "./cli-result.spec-helper.js";

// Inputs a careful user tried (issue 10), through the real CLI: each is one line naming the field,
// file, line or column, exit 2, and fast, because it is checked before anything is allocated.

let dir: string;
let first: CliResult;
const outA = () => path.join(dir, "out-a");

/** A fuel-mix CSV whose NG cell of `hour` (file line hour + 2) is `cell`, and COL too when given. */
function fuelMixWith(hour: number, ng: string, col?: string): string {
  const lines = fuelMixCsv(300).split("\n");
  const cells = lines[hour + 1].split(",");
  cells[5] = ng;
  if (col !== undefined) cells[6] = col;
  lines[hour + 1] = cells.join(",");
  return lines.join("\n");
}

const real = (carbon: string) => tinyScenario({ data: { source: "real", carbon, demand: "datacenter/demand.csv" } });

beforeAll(async () => {
  dir = tempDir("input-checks");
  writeText(dir, "data/datacenter/demand.csv", azureCsv(300));
  writeText(dir, "data/carbon/inf.csv", fuelMixWith(5, "1e309"));
  writeText(dir, "data/carbon/overflow.csv", fuelMixWith(5, "1e308", "1e308"));
  writeText(dir, "data/carbon/crcrlf.csv", fuelMixWith(5, "abc").replaceAll("\n", "\r\r\n"));
  writeJson(dir, "inf.json", real("carbon/inf.csv"));
  writeJson(dir, "overflow.json", real("carbon/overflow.csv"));
  writeJson(dir, "crcrlf.json", real("carbon/crcrlf.csv"));
  writeJson(dir, "escape.json", real("../../../../../../etc/passwd"));
  writeJson(dir, "count.json", tinyScenario({ agents: [{ type: "datacenter", count: 1e9, lambda: "different", demand: "different" }] }));
  writeJson(dir, "hidden.json", tinyScenario({ model: { kind: "lstm", hidden: 1e6 } }));
  writeJson(dir, "hours.json", tinyScenario({ data: { source: "synthetic", hours: 1e9 } }));
  writeText(dir, "q-inf.json", JSON.stringify(tinyScenario({ q: [0] })).replace('"q":[0]', '"q":[1e999]'));
  writeText(dir, "multi-line.json", '{\n  "name": "x",\n  "seed": oops\n}\n');
  // A byte-order mark, as editors on Windows write it (the CSV readers accept one too).
  writeText(dir, "bom.json", `\uFEFF${JSON.stringify(tinyScenario({ q: [0] }))}`);
  writeJson(dir, "tiny.json", tinyScenario({ q: [0] }));
  first = await runInProcess(["run", "tiny.json", "--out", outA(), "--backend", "cpu", "--quiet"], dir);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("sizes are checked at validation, from what the run would allocate", () => {
  for (const [file, field] of [["count.json", "agents[0].count"], ["hidden.json", "model.hidden"], ["hours.json", "data.hours"]]) {
    it(`${field}: exit 2 within seconds, naming the field and the estimate`, async () => {
      const r = await runInProcess(["run", file, "--out", path.join(dir, "out-size"), "--quiet"], dir);
      // The old code ran for minutes (caught by the test's timeout) or ended in an "Invalid array
      // length"; the estimate's message shows the check ran before anything was allocated.
      expectOneLineError(r, `${file}: ${field}`, "would make the run allocate about", "more than the limit");
    });
  }
});

describe("numbers are finite, or the error says where", () => {
  it("q: [1e999] names q[0], not the learning rate", async () => {
    expectOneLineError(await runInProcess(["run", "q-inf.json", "--quiet"], dir), "q-inf.json: q[0]", "not a finite number");
  });

  it("a CSV cell 1e309 names file:line and the column", async () => {
    expectOneLineError(await runInProcess(["run", "inf.json", "--data-dir", "data", "--quiet"], dir), "carbon/inf.csv:7", '"NG"', '"1e309"');
  });

  it("two cells of 1e308 overflowing an hour's fuel-mix sum name file:line", async () => {
    expectOneLineError(await runInProcess(["run", "overflow.json", "--data-dir", "data", "--quiet"], dir), "carbon/overflow.csv:7", "more than a float64 can hold");
  });

  it("a \\r\\r\\n file reports the line grep and editors show", async () => {
    expectOneLineError(await runInProcess(["run", "crcrlf.json", "--data-dir", "data", "--quiet"], dir), "carbon/crcrlf.csv:7:", '"abc"');
  });
});

describe("files and messages", () => {
  it("a data path that leaves --data-dir names the field and opens nothing", async () => {
    expectOneLineError(await runInProcess(["run", "escape.json", "--data-dir", "data", "--quiet"], dir), "escape.json: data.carbon", "outside the data directory");
  });

  it("a JSON error V8 would quote over several lines is one line at file:line:column", async () => {
    expectOneLineError(await runInProcess(["run", "multi-line.json"], dir), "multi-line.json:3:11: not valid JSON");
  });

  it("--backend cpu --quiet prints nothing on stderr (no tfjs banner)", () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe("");
  });

  it("a scenario with a byte-order mark is read like one without: the same summary.json, byte for byte", async () => {
    const outB = path.join(dir, "out-bom");
    const bom = await runInProcess(["run", "bom.json", "--out", outB, "--backend", "cpu", "--quiet"], dir);
    expect(bom.status, bom.stderr).toBe(0);
    expect(readFileSync(path.join(outB, "summary.json"), "utf8")).toBe(readFileSync(path.join(outA(), "summary.json"), "utf8"));
  });

  it("the same seed gives a byte-identical summary.json; the timings are in run.json", async () => {
    const outB = path.join(dir, "out-b");
    const again = await runInProcess(["run", "tiny.json", "--out", outB, "--backend", "cpu", "--quiet"], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(path.join(outB, "summary.json"), "utf8")).toBe(readFileSync(path.join(outA(), "summary.json"), "utf8"));
    const run = JSON.parse(readFileSync(path.join(outB, "run.json"), "utf8")) as { models: { trainSeconds: number }[] };
    expect(run.models.every((m) => m.trainSeconds > 0)).toBe(true);
  });

  it("commander's errors are one line, without the help", async () => {
    expectOneLineError(await runInProcess(["run", "tiny.json", "--sed", "3"], dir), "unknown option '--sed'", "Did you mean --seed?");
    expectOneLineError(await runInProcess([], dir), "missing command");
    expectOneLineError(await runInProcess(["run"], dir), "missing required argument 'scenario'");
  });

  // Already refused before issue 10 was fixed: kept as a regression test.
  it("train --q 2,9 is refused, not cut to q = 2", async () => {
    expectOneLineError(await runInProcess(["train", "tiny.json", "--q", "2,9", "--quiet"], dir), "--q", "train makes one model");
  });
});

describe("evaluate on a model that does not fit", () => {
  it("a scenario window that differs from the model's spec names model.json and the field", async () => {
    const model = path.join(dir, "model-window");
    cpSync(path.join(outA(), "models", "plain"), model, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(model, "model.json"), "utf8"));
    manifest.meta.scenario.window = 24;
    writeFileSync(path.join(model, "model.json"), JSON.stringify(manifest));
    expectOneLineError(await runInProcess(["evaluate", model], dir), path.join(model, "model.json"), "spec.window is 12, the scenario's is 24");
  });

  it("a model without a hash and with a NaN weight does not evaluate", async () => {
    const model = path.join(dir, "model-nan");
    cpSync(path.join(outA(), "models", "plain"), model, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(model, "model.json"), "utf8"));
    delete manifest.weightsSha256;
    writeFileSync(path.join(model, "model.json"), JSON.stringify(manifest));
    const weights = readFileSync(path.join(model, "weights.bin"));
    weights.writeFloatLE(Number.NaN, 0);
    writeFileSync(path.join(model, "weights.bin"), weights);
    expectOneLineError(await runInProcess(["evaluate", model], dir), "weights.bin: value 0", "is NaN");
  });
});
