import type { SummaryRow } from "./summary-row.js";

const COLUMNS: [string, (r: SummaryRow) => string][] = [
  ["method", (r) => r.methodLabel],
  ["q+1", (r) => (r.qPlusOne === null ? "-" : String(r.qPlusOne))],
  ["beta", (r) => (r.beta === null ? "-" : String(r.beta))],
  ["variance", (r) => fmt(r.variance)],
  ["mean", (r) => fmt(r.mean)],
  ["C95-C5", (r) => fmt(r.c95MinusC5)],
  ["MSE", (r) => fmt(r.mse)],
  ["H_norm", (r) => r.hNorm.toFixed(4)],
  ["worst", (r) => fmt(r.worst)],
  // The training budget behind the row: a warm-started model counts Plain PM's epochs too.
  ["epochs", (r) => String(r.epochs)],
];

function fmt(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(3);
  return v.toFixed(4);
}

/** Formats summary rows as a text table in the layout of the paper's Table 1. */
export function formatTable(rows: readonly SummaryRow[]): string {
  const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
