import { InputError } from "@equitable/core";
import type { AuditSummary } from "./audit-json.js";

/** One line of audit-regrets.csv: an agent's mean regret under one forecast, band and period. */
export interface AuditRegretLine {
  /** "full" (the whole period) or "test" (the recalibration's audited days). */
  readonly period: "full" | "test";
  readonly forecast: string;
  readonly band: string;
  readonly group: string;
  readonly agent: string;
  readonly meanRegret: number;
}

const HEADER = "period,forecast,band,group,agent,mean_regret";

function quote(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** audit-regrets.csv: every agent's mean regret in every frame of the summary (the regret distributions). */
export function auditRegretsCsv(summary: AuditSummary): string {
  const groupOf = new Map(summary.groups.flatMap((g) => g.agents.map((a) => [a, g.name] as const)));
  const lines = [HEADER];
  const add = (period: "full" | "test", frames: AuditSummary["frames"]) => {
    for (const f of frames) {
      for (const [agent, v] of Object.entries(f.agentMeans)) lines.push([period, quote(f.forecast), quote(f.band), quote(groupOf.get(agent) ?? ""), agent, String(v)].join(","));
    }
  };
  add("full", summary.frames);
  if (summary.recalibration) add("test", summary.recalibration.frames);
  return `${lines.join("\n")}\n`;
}

/** Reads audit-regrets.csv back; InputError naming file:line for a malformed line. */
export function readAuditRegretsCsv(text: string, file: string): AuditRegretLine[] {
  const rows = text.split("\n").filter((l) => l !== "");
  if (rows[0] !== HEADER) throw new InputError(`${file}:1`, `expected the header "${HEADER}"`);
  return rows.slice(1).map((line, i) => {
    const cells = splitCsvLine(line);
    const v = Number(cells[5]);
    if (cells.length !== 6 || (cells[0] !== "full" && cells[0] !== "test") || !Number.isFinite(v)) throw new InputError(`${file}:${i + 2}`, "malformed line");
    return { period: cells[0], forecast: cells[1], band: cells[2], group: cells[3], agent: cells[4], meanRegret: v };
  });
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}
