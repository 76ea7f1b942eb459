import { selectBackend } from "@equitable/model";
import { evaluateSavedModel } from "@equitable/experiment";
import { formatTable } from "@equitable/experiment";
import { integer, type CommonOptions } from "./options.js";

/** `equitable evaluate <model-dir>`: rebuilds the saved model's scenario and evaluates on its test split. */
export async function evaluateCommand(modelDir: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  const seed = opts.seed !== undefined ? integer("--seed", opts.seed, 0) : undefined;
  await selectBackend(opts.backend);
  const row = await evaluateSavedModel(modelDir, { seed, dataDir: opts.dataDir, protocol: opts.evaluation as "per-tick" | "mean-forecast" | undefined });
  // --json: the row at full precision, in summary.json's format, for comparing with a run's results.
  process.stdout.write(opts.json ? `${JSON.stringify(row, null, 2)}\n` : `${formatTable([row])}\n`);
}
