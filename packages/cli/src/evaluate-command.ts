import { resolve } from "node:path";
import { InputError } from "@equitable/core";
import { loadModel, selectBackend } from "@equitable/model";
import { buildWorld, parseScenario } from "@equitable/scenario";
import { evaluatePublicModel, type TrainingObjective } from "@equitable/trainer";
import { summaryRow } from "./summary-row.js";
import { formatTable } from "./table.js";
import type { CommonOptions } from "./options.js";

/** `equitable evaluate <model-dir>`: rebuilds the saved model's scenario and evaluates on its test split. */
export async function evaluateCommand(modelDir: string, opts: CommonOptions): Promise<void> {
  await selectBackend(opts.backend);
  const { model, meta } = await loadModel(resolve(modelDir));
  try {
    if (!meta.scenario || !meta.objective) throw new InputError(modelDir, "the saved model carries no scenario (was it saved by `equitable run`?)");
    const scenario = parseScenario(meta.scenario, `${modelDir}/model.json`);
    const seed = opts.seed !== undefined ? Number(opts.seed) : (meta.seed as number);
    const dataDir = opts.dataDir ? resolve(opts.dataDir) : ((meta.dataDir as string | null) ?? undefined);
    const world = buildWorld(scenario, { seed, dataDir });
    const evaluation = await evaluatePublicModel(model, world.series, world.test, world.population);
    world.population.dispose();
    const row = summaryRow(meta.objective as TrainingObjective, evaluation, seed, scenario.training.epochs, 0);
    process.stdout.write(`${formatTable([row])}\n`);
  } finally {
    model.dispose();
  }
}
