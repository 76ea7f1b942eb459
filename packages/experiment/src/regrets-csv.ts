import { readFile } from "node:fs/promises";
import { InputError } from "@equitable/core";
import { formatParams, type ResultRow } from "./result-row.js";

/**
 * regrets.csv: one line per agent and trained model — agent, method, q (the paper's q), mean
 * regret, then the job's label and the method's parameters (`key=value;…`); a replicated run
 * (`replicated`) adds the seed column after q, since every model repeats per seed.
 */
export function regretsCsv(entries: readonly { row: ResultRow; agentMeanRegrets: Float64Array }[], agentIds: readonly string[], replicated = false): string {
  const lines = [replicated ? "agent,method,q,seed,mean_regret,job,params" : "agent,method,q,mean_regret,job,params"];
  for (const { row, agentMeanRegrets } of entries) {
    const seed = replicated ? `${row.seed},` : "";
    const tail = `${row.label},${formatParams(row.params)}`;
    agentMeanRegrets.forEach((v, m) => lines.push(`${agentIds[m]},${row.method},${row.q ?? ""},${seed}${v},${tail}`));
  }
  return `${lines.join("\n")}\n`;
}

/** One line of regrets.csv, read back. */
export interface RegretLine {
  readonly agent: string;
  readonly method: string;
  readonly q: number | null;
  readonly seed: number | null;
  readonly meanRegret: number;
  readonly job: string;
  readonly params: string;
}

/** Reads regrets.csv as {@link regretsCsv} writes it (either layout); a line that does not fit names its number. */
export async function readRegretsCsv(file: string): Promise<RegretLine[]> {
  const [header, ...lines] = (await readFile(file, "utf8")).trimEnd().split("\n");
  const replicated = header === "agent,method,q,seed,mean_regret,job,params";
  if (!replicated && header !== "agent,method,q,mean_regret,job,params") throw new InputError(`${file}:1`, `unexpected header '${header}'`);
  return lines.map((line, k) => {
    const cells = line.split(",");
    if (cells.length !== (replicated ? 7 : 6)) throw new InputError(`${file}:${k + 2}`, `expected ${replicated ? 7 : 6} cells, got ${cells.length}`);
    const [agent, method, q, ...rest] = cells;
    const seed = replicated ? Number(rest.shift()) : null;
    const [mean, job, params] = rest;
    return { agent, method, q: q === "" ? null : Number(q), seed, meanRegret: Number(mean), job, params };
  });
}
