import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InputError } from "@equitable/core";
import { loadModel, selectBackend } from "@equitable/model";
import { buildWorld, modelSpecOf, parseScenario, withPlugins } from "@equitable/scenario";
import type { TrainingObjective } from "@equitable/core";
import { evaluatePublicModel, type Evaluation } from "@equitable/trainer";
import { summaryRow } from "./summary-row.js";
import { specMismatch } from "./spec-mismatch.js";
import { formatTable } from "./table.js";
import { integer, type CommonOptions } from "./options.js";

/** The scenario a saved model carries, read leniently (loadModel reports a malformed file), or undefined. */
async function savedScenario(dir: string): Promise<unknown> {
  try {
    return (JSON.parse(await readFile(join(dir, "model.json"), "utf8")) as { meta?: { scenario?: unknown } })?.meta?.scenario;
  } catch {
    return undefined;
  }
}

/** `equitable evaluate <model-dir>`: rebuilds the saved model's scenario and evaluates on its test split. */
export async function evaluateCommand(modelDir: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  const seedOverride = opts.seed !== undefined ? integer("--seed", opts.seed, 0) : undefined;
  await selectBackend(opts.backend);
  const file = `${modelDir}/model.json`;
  // A saved scenario names its plugins by absolute path; they load before the model, whose kind one may register.
  const saved = await savedScenario(resolve(modelDir));
  const withLoaded = saved && typeof saved === "object" ? await withPlugins(saved, file, process.cwd(), import.meta.url) : undefined;
  const { model, meta } = await loadModel(resolve(modelDir));
  try {
    if (!meta.scenario || !meta.objective) throw new InputError(modelDir, "the saved model carries no scenario (was it saved by `equitable run`?)");
    const scenario = parseScenario(withLoaded ?? meta.scenario, file);
    const mismatch = specMismatch(model.spec, modelSpecOf(scenario));
    if (mismatch) throw new InputError(file, `${mismatch}: the model does not fit the scenario saved with it`);
    const seed = seedOverride ?? (meta.seed as number);
    const dataDir = opts.dataDir ? resolve(opts.dataDir) : ((meta.dataDir as string | null) ?? undefined);
    const world = buildWorld(scenario, { seed, dataDir });
    let evaluation: Evaluation;
    try {
      evaluation = await evaluatePublicModel(model, world.series, world.test, world.population, { protocol: (opts.evaluation as "per-tick" | "mean-forecast" | undefined) ?? scenario.evaluation });
    } finally {
      world.dispose();
    }
    const row = summaryRow(meta.objective as TrainingObjective, evaluation, seed, scenario.training.epochs);
    // --json: the row at full precision, in summary.json's format, for comparing with a run's results.
    process.stdout.write(opts.json ? `${JSON.stringify(row, null, 2)}\n` : `${formatTable([row])}\n`);
  } finally {
    model.dispose();
  }
}
