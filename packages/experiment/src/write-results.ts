import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./store/atomic-write.js";
import { regretsCsv } from "./regrets-csv.js";
import { summaryJson } from "./summary-json.js";
import type { ResultRow } from "./result-row.js";

/** What a finished run leaves in its output directory. */
export interface RunResults {
  rows: { row: ResultRow; agentMeanRegrets: Float64Array }[];
  agentIds: readonly string[];
  /** Facts about the run kept beside the summary (scenario, backend, data quirks, timings). */
  run: Record<string, unknown>;
  /** Rows repeat per seed (a replicated run): regrets.csv then carries the seed. */
  replicated?: boolean;
}

/** The files {@link writeResults} writes, in its order. */
export const RESULT_FILES = ["regrets.csv", "run.json", "summary.json"] as const;

/** Writes summary.json, regrets.csv and run.json, each atomically, once every model is done. */
export async function writeResults(out: string, results: RunResults): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeFileAtomic(join(out, "regrets.csv"), regretsCsv(results.rows, results.agentIds, results.replicated));
  await writeFileAtomic(join(out, "run.json"), `${JSON.stringify(results.run, null, 2)}\n`);
  // summary.json last: its presence means the whole run completed.
  await writeFileAtomic(join(out, "summary.json"), summaryJson(results.rows.map((r) => r.row)));
}
