import type { SummaryRow } from "./summary-row.js";

/**
 * regrets.csv: one line per agent and trained model — agent, method, q (the paper's q), mean
 * regret; a replicated run (`replicated`) adds the seed column, since every model repeats per seed.
 */
export function regretsCsv(entries: { row: SummaryRow; agentMeanRegrets: Float64Array }[], agentIds: readonly string[], replicated = false): string {
  const lines = [replicated ? "agent,method,q,seed,mean_regret" : "agent,method,q,mean_regret"];
  for (const { row, agentMeanRegrets } of entries) {
    const seed = replicated ? `${row.seed},` : "";
    agentMeanRegrets.forEach((v, m) => lines.push(`${agentIds[m]},${row.method},${row.q ?? ""},${seed}${v}`));
  }
  return `${lines.join("\n")}\n`;
}
