// The default scenario trained through the library API: what `equitable run scenarios/default`
// does, with the same seed, files and table. Run it with
//   npx tsx --conditions=@equitable/source examples/library-run.ts [out-dir]
// A program registers the built-in agent kinds, methods and model kinds once, as the CLI does.
import "@equitable/preset";
import { formatTable, loadExperimentScenario, runExperiment, type ExperimentEvent } from "@equitable/experiment";

const out = process.argv[2] ?? "runs/library-default";
const scenario = await loadExperimentScenario("scenarios/default");
const result = await runExperiment(scenario, {
  out,
  // Events are the library's progress: print each model as it finishes.
  onEvent: (e: ExperimentEvent) => {
    if (e.type === "result") process.stderr.write(`${e.row.label}: mean regret ${e.row.mean.toFixed(4)}, variance ${e.row.variance.toFixed(4)}\n`);
  },
});
// The table `equitable run` prints, from the same rows.
console.log(formatTable(result.rows.map((x) => x.row)));
