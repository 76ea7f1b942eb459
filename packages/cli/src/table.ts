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
  ["worst-a", (r) => fmt(r.worstAlpha)],
  // The training budget behind the row: a warm-started model counts Plain PM's epochs too.
  ["epochs", (r) => String(r.epochs)],
];

function fmt(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(3);
  return v.toFixed(4);
}

/** Lays out a header and rows of cells as aligned columns: the first left-aligned, the rest right, a rule under the header. */
export function alignColumns(header: readonly string[], body: readonly (readonly string[])[]): string {
  const cells = [header, ...body];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c].length)));
  const line = (row: readonly string[]) => row.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** Formats summary rows as a text table in the layout of the paper's Table 1. */
export function formatTable(rows: readonly SummaryRow[]): string {
  return alignColumns(COLUMNS.map(([h]) => h), rows.map((r) => COLUMNS.map(([, f]) => f(r))));
}
