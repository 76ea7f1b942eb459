import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { InputError, type TrainingObjective } from "@equitable/core";
import { loadModel } from "@equitable/model";
import { buildWorld, modelSpecOf, parseScenario, withPlugins } from "@equitable/scenario";
import { evaluatePublicModel, type Evaluation } from "@equitable/trainer";
import { HOST_URL } from "./host.js";
import { resultRow, type ResultRow } from "./result-row.js";
import { specMismatch } from "./spec-mismatch.js";

/** The scenario a saved model carries, read leniently (loadModel reports a malformed file), or undefined. */
async function savedScenario(dir: string): Promise<unknown> {
  try {
    return (JSON.parse(await readFile(join(dir, "model.json"), "utf8")) as { meta?: { scenario?: unknown } })?.meta?.scenario;
  } catch {
    return undefined;
  }
}

/** How {@link evaluateSavedModel} rebuilds the model's world. */
export interface EvaluateSavedOptions {
  /** The seed of the world (default the one saved with the model). */
  readonly seed?: number;
  /** The real data's directory (default the one saved with the model). */
  readonly dataDir?: string;
  /** The evaluation protocol (default the scenario's). */
  readonly protocol?: "per-tick" | "mean-forecast";
}

/**
 * Evaluates a model saved by a run on its scenario's test split: the scenario saved beside it is
 * rebuilt (its plugins loaded), checked to fit the model, and the model's result row returned,
 * labelled by its folder's name.
 */
export async function evaluateSavedModel(modelDir: string, options: EvaluateSavedOptions = {}): Promise<ResultRow> {
  const file = `${modelDir}/model.json`;
  // A saved scenario names its plugins by absolute path; they load before the model, whose kind one may register.
  const saved = await savedScenario(resolve(modelDir));
  const withLoaded = saved && typeof saved === "object" ? await withPlugins(saved, file, process.cwd(), HOST_URL) : undefined;
  const { model, meta } = await loadModel(resolve(modelDir));
  try {
    if (!meta.scenario || !meta.objective) throw new InputError(modelDir, "the saved model carries no scenario (was it saved by `equitable run`?)");
    const scenario = parseScenario(withLoaded ?? meta.scenario, file);
    const mismatch = specMismatch(model.spec, modelSpecOf(scenario));
    if (mismatch) throw new InputError(file, `${mismatch}: the model does not fit the scenario saved with it`);
    const seed = options.seed ?? (meta.seed as number);
    const dataDir = options.dataDir ? resolve(options.dataDir) : ((meta.dataDir as string | null) ?? undefined);
    const world = buildWorld(scenario, { seed, dataDir });
    let evaluation: Evaluation;
    try {
      evaluation = await evaluatePublicModel(model, world.series, world.test, world.population, { protocol: options.protocol ?? scenario.evaluation });
    } finally {
      world.dispose();
    }
    return resultRow({ objective: meta.objective as TrainingObjective, label: basename(resolve(modelDir)) }, evaluation, seed, scenario.training.epochs);
  } finally {
    model.dispose();
  }
}
