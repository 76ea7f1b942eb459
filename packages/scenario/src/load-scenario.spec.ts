import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@equitable/core";
import { loadScenario, parseScenario } from "./index.js";
import { inputError, tinyScenarioValue } from "./spec-fixtures.js";

const scenariosDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../scenarios");

/** A small valid scenario; each test breaks one thing of a copy. */
const tiny = (): Record<string, unknown> => tinyScenarioValue();

async function rejection(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe("parseScenario", () => {
  it("accepts a minimal scenario and fills in the defaults", () => {
    const s = parseScenario(tiny());
    expect(s.trainFraction).toBe(0.67);
    expect(s.horizon).toBe(1);
    expect(s.q).toEqual([0]);
    expect(s.beta).toBe(0);
    expect(s.methods).toEqual(["plain", "equitable"]);
    expect(s.lossForm).toBe("norm");
    expect(s.training).toMatchObject({ epochs: 2, batchSize: 128, learningRate: 0.05, clipNorm: 0 });
    expect(s.agents[0]).toMatchObject({ type: "datacenter", count: 5, perturbed: 2, shiftMax: 60, noiseStd: 1 });
  });

  it("names agents[0].type and the unknown name for an unknown agent type", () => {
    const value = tiny();
    value.agents = [{ type: "heat-pump", count: 5, lambda: "same", demand: "similar" }];
    const err = inputError(() => parseScenario(value, "s.json"));
    expect(err.where).toBe("s.json: agents[0].type");
    expect(err.message).toContain("'heat-pump'");
    expect(err.message).toContain("datacenter, ev, ev-offsets, phone");
  });

  it("names the right group when a later agent group is bad", () => {
    const value = tiny();
    value.agents = [(tiny().agents as unknown[])[0], { type: "datacenter", count: 0, lambda: "same", demand: "similar" }];
    expect(inputError(() => parseScenario(value, "s.json")).where).toBe("s.json: agents[1].count");
  });

  it("refuses a name that would write outside runs/", () => {
    expect(inputError(() => parseScenario({ ...tiny(), name: "../escape" }, "s.json")).where).toBe("s.json: name");
    expect(inputError(() => parseScenario({ ...tiny(), name: "a/b" }, "s.json")).where).toBe("s.json: name");
    expect(parseScenario({ ...tiny(), name: "ok-name_1.2" }, "s.json").name).toBe("ok-name_1.2");
  });

  it("names q[i] for a negative q", () => {
    expect(inputError(() => parseScenario({ ...tiny(), q: [-1] }, "s.json")).where).toBe("s.json: q[0]");
    const err = inputError(() => parseScenario({ ...tiny(), q: [0, 2, -0.5] }, "s.json"));
    expect(err.where).toBe("s.json: q[2]");
    expect(err.message).toContain("≥ 0");
  });

  it("names trainFraction when it is negative, 0 or 1", () => {
    for (const trainFraction of [-0.5, 0, 1]) {
      expect(inputError(() => parseScenario({ ...tiny(), trainFraction }, "s.json")).where).toBe("s.json: trainFraction");
    }
  });

  it("names data when it is missing", () => {
    const value = tiny();
    delete value.data;
    const err = inputError(() => parseScenario(value, "s.json"));
    expect(err.where).toBe("s.json: data");
    expect(err.message).toMatch(/required/i);
  });

  it("names data.carbon when a real-data scenario leaves it out", () => {
    const value = { ...tiny(), data: { source: "real", demand: "datacenter/x.csv" } };
    expect(inputError(() => parseScenario(value, "s.json")).where).toBe("s.json: data.carbon");
  });

  it("names an unknown extra field itself, at the top level and nested", () => {
    const top = inputError(() => parseScenario({ ...tiny(), foo: 1 }, "s.json"));
    expect(top.where).toBe("s.json: foo");
    expect(top.message).toContain("unknown field");
    const nested = inputError(() => parseScenario({ ...tiny(), training: { epoch: 3 } }, "s.json"));
    expect(nested.where).toBe("s.json: training.epoch");
    const inAgent = inputError(() =>
      parseScenario({ ...tiny(), agents: [{ type: "datacenter", count: 2, lambda: "same", demand: "similar", lamda: 3 }] }, "s.json"),
    );
    expect(inAgent.where).toBe("s.json: agents[0].lamda");
  });

  it("names training.warmStart when it is set without plain among the methods", () => {
    const value = { ...tiny(), methods: ["equitable"], training: { epochs: 2, warmStart: true } };
    const err = inputError(() => parseScenario(value, "s.json"));
    expect(err.where).toBe("s.json: training.warmStart");
    expect(parseScenario({ ...value, methods: ["plain", "equitable"] }).training.warmStart).toBe(true);
  });

  it("keeps every message on one line", () => {
    const bad = [{ ...tiny(), foo: 1, bar: 2 }, { ...tiny(), q: [-1] }, { ...tiny(), agents: [{ type: "ev" }] }, {}];
    for (const value of bad) expect(inputError(() => parseScenario(value)).message).not.toContain("\n");
  });
});

describe("parseScenario: sizes, finite numbers and data paths", () => {
  it("refuses sizes whose allocations would not fit, naming the field and the estimate", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ agents: [{ type: "datacenter", count: 1e9, lambda: "same", demand: "similar" }] }, "agents[0].count"],
      [{ model: { kind: "lstm", hidden: 1e6 } }, "model.hidden"],
      [{ data: { source: "synthetic", hours: 1e9 } }, "data.hours"],
      [{ model: { kind: "transformer", dModel: 1e5, heads: 10, ffHidden: 250 } }, "model.dModel"],
    ];
    for (const [extra, field] of cases) {
      const err = inputError(() => parseScenario({ ...tiny(), ...extra }, "s.json"));
      expect(err.where).toBe(`s.json: ${field}`);
      expect(err.message).toMatch(/allocate about [\d.]+ [kMGTPEZY]?B, more than the limit/);
    }
  });

  it("names a non-finite number anywhere, kinds' fields included", () => {
    const err = inputError(() => parseScenario({ ...tiny(), agents: [{ type: "datacenter", count: 5, lambda: "same", demand: "different", shiftMax: Infinity }] }, "s.json"));
    expect(err.where).toBe("s.json: agents[0].shiftMax");
    expect(inputError(() => parseScenario({ ...tiny(), training: { learningRate: Infinity } })).where).toBe("scenario: training.learningRate");
  });

  it("refuses data paths that leave the data directory", () => {
    const real = (carbon: string) => ({ ...tiny(), data: { source: "real", carbon, demand: "datacenter/d.csv" } });
    for (const carbon of ["../../../../etc/passwd", "/etc/passwd", "carbon/../../x.csv", "..", "C:\\x.csv"]) {
      const err = inputError(() => parseScenario(real(carbon), "s.json"));
      expect(err.where).toBe("s.json: data.carbon");
      expect(err.message).toContain("outside the data directory");
    }
    expect(inputError(() => parseScenario({ ...real("c.csv"), data: { source: "real", carbon: "c.csv", demand: "../d.csv" } })).where).toBe("scenario: data.demand");
    expect(parseScenario(real("carbon/../carbon/x.csv")).data).toMatchObject({ carbon: "carbon/../carbon/x.csv" });
  });
});

describe("loadScenario", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "equitable-scenario-"));
    await writeFile(path.join(dir, "tiny.json"), JSON.stringify(tiny()));
    await writeFile(path.join(dir, "broken.json"), '{ "name": "broken", ');
    await mkdir(path.join(dir, "folder"));
    await writeFile(path.join(dir, "folder", "scenario.json"), JSON.stringify({ ...tiny(), name: "in-folder" }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads and validates a file", async () => {
    const s = await loadScenario(path.join(dir, "tiny.json"));
    expect(s.name).toBe("tiny");
    expect(s.data).toEqual({ source: "synthetic", hours: 300 });
  });

  it("resolves a path given without .json", async () => {
    expect((await loadScenario(path.join(dir, "tiny"))).name).toBe("tiny");
  });

  it("reads a directory's scenario.json", async () => {
    expect((await loadScenario(path.join(dir, "folder"))).name).toBe("in-folder");
  });

  it("names the file when it is missing", async () => {
    const file = path.join(dir, "nope.json");
    const err = await rejection(loadScenario(file));
    expect(err.where).toBe(file);
    expect(err.message).toContain("not found");
  });

  it("names the path as given when it is missing without .json", async () => {
    const file = path.join(dir, "nope");
    const err = await rejection(loadScenario(file));
    expect(err.message).toContain("nope");
    expect(err.message).toContain("not found");
  });

  it("names file:line:column when it is not valid JSON", async () => {
    const file = path.join(dir, "broken.json");
    const err = await rejection(loadScenario(file));
    expect(err.where).toBe(`${file}:1:21`);
    expect(err.message).toContain("not valid JSON");
    expect(err.message).not.toContain("\n");
  });

  it("keeps a JSON error on one line when V8 would quote the text, newlines and all", async () => {
    const file = path.join(dir, "multi-line-broken.json");
    await writeFile(file, '{\n  "name": "x",\n  "seed": oops\n}\n');
    const err = await rejection(loadScenario(file));
    expect(err.message).toBe(`${file}:3:11: not valid JSON (invalid symbol)`);
  });

  it("accepts a byte-order mark, as the CSV readers do", async () => {
    const file = path.join(dir, "bom.json");
    await writeFile(file, `\uFEFF${JSON.stringify(tiny())}`);
    expect((await loadScenario(file)).name).toBe("tiny");
  });

  it("names a number that overflows to Infinity (1e999) by its field", async () => {
    const file = path.join(dir, "inf.json");
    await writeFile(file, JSON.stringify({ ...tiny(), q: [0] }).replace('"q":[0]', '"q":[0,1e999]'));
    const err = await rejection(loadScenario(file));
    expect(err.where).toBe(`${file}: q[1]`);
    expect(err.message).toContain("not a finite number");
  });

  it("prefixes validation errors with the file", async () => {
    const file = path.join(dir, "bad-q.json");
    await writeFile(file, JSON.stringify({ ...tiny(), q: [-1] }));
    expect((await rejection(loadScenario(file))).where).toBe(`${file}: q[0]`);
  });

  it("accepts every scenario shipped in scenarios/", async () => {
    const files = (await readdir(scenariosDir)).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const s = await loadScenario(path.join(scenariosDir, f));
      expect(`${s.name}.json`).toBe(f);
    }
  });
});
