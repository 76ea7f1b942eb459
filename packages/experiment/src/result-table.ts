import { formatParams, type ResultRow } from "./result-row.js";

const COLUMNS: [string, (r: ResultRow) => string][] = [
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

/** Parameters with their own columns. */
const SHOWN = new Set(["q", "beta"]);

/**
 * Per row, the method parameters that tell it apart from another row of its method (IRWO's
 * distance in a sweep of two): the rest are the same for every row and would only widen the table.
 */
export function distinguishingParams(rows: readonly ResultRow[]): string[] {
  return rows.map((r) => {
    const peers = rows.filter((o) => o.method === r.method);
    const keys = Object.keys(r.params ?? {}).filter((k) => !SHOWN.has(k) && peers.some((o) => JSON.stringify(o.params?.[k]) !== JSON.stringify(r.params[k])));
    return formatParams(Object.fromEntries(keys.map((k) => [k, r.params[k]])));
  });
}

/**
 * Formats result rows as a text table in the layout of the paper's Table 1, then each row's job
 * label, and a params column when rows of one method differ in more than q and β.
 */
export function formatTable(rows: readonly ResultRow[]): string {
  const params = distinguishingParams(rows);
  const extra = params.some((p) => p !== "");
  const header = [...COLUMNS.map(([h]) => h), ...(extra ? ["params"] : []), "job"];
  return alignColumns(header, rows.map((r, k) => [...COLUMNS.map(([, f]) => f(r)), ...(extra ? [params[k] || "-"] : []), r.label]));
}
