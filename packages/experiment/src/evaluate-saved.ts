import { basename, resolve } from "node:path";
import { InputError, type TrainingObjective } from "@equitable/core";
import { loadModel } from "@equitable/model";
import { buildWorld, modelSpecOf, parseScenario, withPlugins } from "@equitable/scenario";
import { evaluatePublicModel, type Evaluation } from "@equitable/trainer";
import { HOST_URL } from "./host.js";
import { resultRow, type ResultRow } from "./result-row.js";
import { specMismatch } from "./spec-mismatch.js";

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
  const { model, meta } = await loadModel(resolve(modelDir));
  try {
    if (!meta.scenario || !meta.objective) throw new InputError(modelDir, "the saved model carries no scenario (was it saved by `equitable run`?)");
    // A saved scenario names its plugins by absolute path: load them before validating.
    const file = `${modelDir}/model.json`;
    const scenario = parseScenario(await withPlugins(meta.scenario, file, process.cwd(), HOST_URL), file);
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
