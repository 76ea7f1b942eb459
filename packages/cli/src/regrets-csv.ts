import type { SummaryRow } from "./summary-row.js";

/** regrets.csv: one line per agent and trained model — agent, method, q (the paper's q), mean regret. */
export function regretsCsv(entries: { row: SummaryRow; agentMeanRegrets: Float64Array }[], agentIds: readonly string[]): string {
  const lines = ["agent,method,q,mean_regret"];
  for (const { row, agentMeanRegrets } of entries) {
    agentMeanRegrets.forEach((v, m) => lines.push(`${agentIds[m]},${row.method},${row.q ?? ""},${v}`));
  }
  return `${lines.join("\n")}\n`;
}
