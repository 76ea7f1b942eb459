import type { AgentPopulation } from "@equitable/core";
import type { KindCase } from "./kind-case.js";

const list = (values: ArrayLike<number>) => `[${Array.from(values).join(", ")}]`;

/**
 * A shrunk case as lines a person can read: the group's fields, the horizon, and per sample the
 * forecast, the truth and each agent's ξ (plus what the property also drew: ξ′, weights).
 */
export function formatKindCase(c: KindCase, population: AgentPopulation | undefined, shows: readonly ("otherXi" | "weights")[]): string[] {
  const lines = [`group: ${JSON.stringify(c.group)}`, `horizon ${c.horizon}, ${c.batch} sample${c.batch === 1 ? "" : "s"}`];
  const m = population?.ids.length ?? c.group.count;
  const w = c.xi.length / (c.batch * m);
  const h = c.horizon;
  for (let r = 0; r < c.batch; r++) {
    lines.push(`sample ${r}: forecast ${list(c.forecast.subarray(r * h, (r + 1) * h))}, truth ${list(c.truth.subarray(r * h, (r + 1) * h))}`);
    for (let j = 0; j < m; j++) {
      const at = (r * m + j) * w;
      let line = `  ${population?.ids[j] ?? `agent ${j}`}: ξ ${list(c.xi.subarray(at, at + w))}`;
      if (shows.includes("otherXi")) line += `, ξ′ (swapped in) ${list(c.otherXi.subarray(at, at + w))}`;
      if (shows.includes("weights")) line += `, weight ${c.weights[r * m + j]}`;
      lines.push(line);
    }
  }
  return lines;
}
