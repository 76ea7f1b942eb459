import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { canonicalJson, InputError, trainingMethods } from "@equitable/core";
import { loadScenario, parseJsonText, parseScenario, toInputError, withPlugins } from "@equitable/scenario";
import { HOST_URL, methodParams, planJobs } from "@equitable/experiment";
import type { CellSpec } from "./cell.js";
import { setPath } from "./field-path.js";
import { sweepSchema, type SweepFile } from "./sweep-schema.js";

/** A validated sweep: its file, its configuration and every cell, in run order. */
export interface Sweep {
  readonly file: string;
  readonly config: SweepFile;
  readonly cells: readonly CellSpec[];
  /**
   * What the cells read, each by name with its hash: every scenario file (its content with plugins
   * resolved), each real data file under the data directory (its content), and the code version.
   * A database of the sweep records them, so a resume after an input changed is refused.
   */
  readonly inputs: Readonly<Record<string, string>>;
}

/** Where the cells will run: what their inputs' hashes cover beside the scenario files. */
export interface SweepInputsOptions {
  /** The data directory the cells read real data from (unknown to a queue's coordinator: its workers have their own). */
  readonly dataDir?: string;
  /** The code version that will compute the cells. */
  readonly codeVersion?: string;
}

const sha1 = (data: string | Buffer) => createHash("sha1").update(data).digest("hex");

/** The data files a scenario value reads under the data directory, as the scenario names them (data.* and a CSV price signal). */
function dataFilesOf(value: Record<string, unknown>): string[] {
  const data = value.data as Record<string, unknown> | undefined;
  if (!data || data.source !== "real") return [];
  const files = Object.entries(data).filter(([k, v]) => k !== "source" && typeof v === "string").map(([, v]) => v as string);
  const price = (value.signal as { price?: { kind?: unknown; file?: unknown } } | undefined)?.price;
  if (price?.kind === "csv" && typeof price.file === "string") files.push(price.file);
  return files;
}

/** Every combination of the params lists, in file order (one empty combination when there are none). */
function combinations(params: Readonly<Record<string, readonly unknown[]>>): Record<string, unknown>[] {
  return Object.entries(params).reduce<Record<string, unknown>[]>(
    (acc, [path, values]) => acc.flatMap((combo) => values.map((v) => ({ ...combo, [path]: v }))),
    [{}],
  );
}

/** The most cells a sweep file may expand to (the product of its list lengths, over its scenarios); documented in the README. */
export const MAX_SWEEP_CELLS = 100_000;

/**
 * One scenario's cell count as the product of its list lengths (an upper bound: Plain PM's cells do
 * not multiply by q and β), or an InputError naming each list's length and the limit when it and the
 * scenarios before it (`before` cells) pass {@link MAX_SWEEP_CELLS}.
 */
function cellBound(file: string, ref: string, before: number, lists: { methods: number; q: number; beta: number; seeds: number; epochs: number; params: Readonly<Record<string, readonly unknown[]>> }): number {
  const { params, ...named } = lists;
  const factors = [...Object.entries(named), ...Object.entries(params).map(([path, values]) => [`params.${path}`, values.length] as const)];
  const count = factors.reduce((n, [, len]) => n * len, 1);
  if (before + count > MAX_SWEEP_CELLS) {
    const product = factors.map(([name, len]) => `${name} ${len}`).join(" × ");
    const earlier = before > 0 ? `, after ${before} from the scenarios before it` : "";
    throw new InputError(file, `expands to more than the limit of ${MAX_SWEEP_CELLS} cells a sweep may have: scenario '${ref}' alone gives up to ${count} (${product})${earlier}; shorten these lists or split the sweep into several files`);
  }
  return count;
}

/** The scenario value with one combination of params applied; a path that cannot be set names itself. */
function applyParams(value: unknown, combo: Readonly<Record<string, unknown>>, file: string): Record<string, unknown> {
  let next = value;
  for (const [path, v] of Object.entries(combo)) {
    try {
      next = setPath(next, path, v);
    } catch (err) {
      throw new InputError(`${file}: params.${path}`, (err as Error).message);
    }
  }
  return next as Record<string, unknown>;
}

/** Validates a scenario value, errors naming the sweep file, the field and where the value came from. */
function validate(value: unknown, where: string) {
  return parseScenario(value, where);
}

/**
 * Reads a sweep file, validates it and every cell's scenario, and expands the cells. Everything a
 * run could refuse is refused here, before a cell trains: an unknown field or parameter path, an
 * empty list, a scenario that does not exist or does not validate with some combination.
 * `host` is the file URL of the package whose framework the scenarios' plugins share;
 * `inputsOptions` the data directory and code version whose hashes each cell's key holds beside its
 * scenario file's (so a changed input makes new cells, never a match for old results).
 */
export async function loadSweep(file: string, host?: string, inputsOptions: SweepInputsOptions = {}): Promise<Sweep> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === "ENOENT" ? "sweep file not found" : `cannot read (${code})`);
  }
  const parsed = sweepSchema.safeParse(parseJsonText(text, file));
  if (!parsed.success) throw toInputError(file, parsed.error);
  const config = parsed.data;
  const refs = typeof config.scenario === "string" ? [config.scenario] : config.scenario;
  const cells: CellSpec[] = [];
  const seen = new Set<string>();
  let planned = 0;
  const inputs: Record<string, string> = {};
  if (inputsOptions.codeVersion !== undefined) inputs["code version"] = inputsOptions.codeVersion;
  // Plug-ins load once per scenario file, where the sweep is expanded; a value per cell would load nothing there.
  if (Object.keys(config.params).some((p) => p === "plugins" || p.startsWith("plugins.") || p.startsWith("plugins["))) {
    throw new InputError(`${file}: params.plugins`, "plug-ins cannot vary by cell: name them in the scenario file's plugins");
  }
  // Each data file is hashed once, however many cells read it (the content, not size and mtime: a copy with new times is the same input).
  const fileHashes = new Map<string, string>();
  const dataHash = (name: string): string => {
    const path = join(inputsOptions.dataDir!, name);
    let hash = fileHashes.get(path);
    if (hash === undefined) {
      try {
        hash = sha1(readFileSync(path));
      } catch {
        hash = "missing"; // said by the check before the cells, which names the file
      }
      fileHashes.set(path, hash);
    }
    inputs[`data file ${name}`] = hash;
    return hash;
  };
  for (const ref of refs) {
    const scenarioFile = resolve(dirname(file), ref);
    const where = `${file}: scenario '${ref}'`;
    const scenarioText = await readFile(scenarioFile, "utf8").catch(() => {
      throw new InputError(where, `scenario file not found (${scenarioFile})`);
    });
    const loaded = await loadScenario(scenarioFile, host ?? HOST_URL);
    // Plugins by absolute location: the cell validates, and a worker reloads them, from anywhere.
    const raw = await withPlugins(parseJsonText(scenarioText, scenarioFile), scenarioFile, dirname(scenarioFile), host ?? HOST_URL);
    const scenarioHash = sha1(canonicalJson(raw));
    inputs[`scenario '${ref}'`] = scenarioHash;
    const methodNames = config.methods ?? loaded.methods;
    const methods = methodNames.map((m) => trainingMethods.require(m, `${file}: methods`));
    // As `run` orders them: MSE-only baselines first, so a warm start finds its Plain PM trained.
    const ordered = [...methods.filter((m) => !m.usesRegrets), ...methods.filter((m) => m.usesRegrets)];
    const qs = config.q ?? loaded.q;
    const betas = config.beta ?? [loaded.beta];
    const seeds = config.seeds ?? loaded.seeds ?? [loaded.seed];
    const epochsList = config.epochs ?? [loaded.training.epochs];
    // Bounded before anything expands: an over-long list would otherwise build (and validate) every cell for many minutes and GB.
    planned += cellBound(file, ref, planned, { methods: methodNames.length, q: qs.length, beta: betas.length, seeds: seeds.length, epochs: epochsList.length, params: config.params });
    // Each path alone first, so an unknown one is named as the sweep file's own field.
    for (const [path, values] of Object.entries(config.params)) {
      for (const v of values) validate(applyParams(raw, { [path]: v }, file), `${file}: params.${path} = ${JSON.stringify(v)} in ${ref}`);
    }
    for (const combo of combinations(config.params)) {
      const value = applyParams(raw, combo, file);
      const comboText = Object.keys(combo).length ? ` with ${Object.entries(combo).map(([p, v]) => `${p} = ${JSON.stringify(v)}`).join(", ")}` : "";
      const base = validate(value, `${where}${comboText}`);
      // What every cell of this combination reads: a key holds its hash, so a changed input is a new cell, never an old result.
      const data = inputsOptions.dataDir === undefined ? {} : Object.fromEntries(dataFilesOf(value).map((f) => [f, dataHash(f)]));
      const inputsHash = sha1(canonicalJson({ scenario: scenarioHash, data, code: inputsOptions.codeVersion ?? null }));
      for (const seed of seeds) {
        for (const epochs of epochsList) {
          for (const method of ordered) {
            for (const q of qs) {
              for (const beta of betas) {
                const options = base.methodOptions[method.name] ?? {};
                for (const job of method.jobs({ q: [q], beta, lossForm: base.lossForm, alpha: base.alpha, options })) {
                  const key = canonicalJson({ scenario: ref, params: combo, seed, epochs, objective: job.objective, inputs: inputsHash });
                  if (seen.has(key)) continue;
                  seen.add(key);
                  const { seeds: _seeds, ...rest } = value;
                  const training = (rest.training ?? {}) as Record<string, unknown>;
                  const scenario = {
                    ...rest,
                    seed,
                    training: { ...training, epochs },
                    methods: base.training.warmStart && method.usesRegrets ? ["plain", method.name] : [method.name],
                    q: [q],
                    beta,
                  };
                  const cellScenario = validate(scenario, `${where}${comboText}, method ${method.name}, q ${q}, β ${beta}, seed ${seed}, epochs ${epochs}`);
                  // Planned here, once: the worker trains this plan as it is (the baseline first under warm starts, the cell's job last).
                  const plan = planJobs(cellScenario);
                  const own = plan.findIndex((p) => canonicalJson(p.objective) === canonicalJson(job.objective));
                  if (own < 0) throw new InputError(where, `method ${method.name} plans no job ${job.label} for its own cell's scenario`);
                  const jobs = [...plan.slice(0, own).filter((p) => p.baseline && plan[own].warmStartFrom === p.label), plan[own]];
                  const summary = method.summary(job.objective);
                  cells.push({
                    key,
                    id: sha1(key).slice(0, 16),
                    index: cells.length,
                    scenarioRef: ref,
                    scenarioName: base.name,
                    scenarioFile,
                    scenario,
                    objective: job.objective,
                    jobs,
                    methodParams: methodParams(job.objective),
                    method: method.name,
                    label: job.label,
                    q: summary.q,
                    beta: summary.beta,
                    seed,
                    epochs,
                    params: combo,
                  });
                }
              }
            }
          }
        }
      }
    }
  }
  return { file, config, cells, inputs };
}
