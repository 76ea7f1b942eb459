import type { Figure } from "./bootstrap.js";
import type { AuditFrameJson, AuditSummary } from "./audit-json.js";
import type { AuditMetric } from "./audit-forecast.js";
import { describeSetting } from "./recalibrate.js";

/** "58.2 [53.6, 63.0]": a figure with its interval, to `digits` significant digits. */
export function formatFigure(f: Figure, digits = 3): string {
  const n = (x: number) => (Number.isFinite(x) ? fmt(x, digits) : "–");
  return `${n(f.value)} [${n(f.lo)}, ${n(f.hi)}]`;
}

function fmt(x: number, digits: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 10 ** digits || a < 1e-3) return x.toExponential(digits - 1);
  return x.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(a))));
}

const COLUMNS: readonly [AuditMetric, string][] = [
  ["mean", "mean"], ["worst", "worst"], ["worstAlpha", "worst-α"], ["variance", "variance"], ["c95MinusC5", "C95−C5"], ["jain", "Jain"], ["hNorm", "H_norm"],
];

/** A markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/**
 * The grouped table (Fairlearn's MetricFrame): for each forecast of `frames` in one band, the overall
 * row, one row per agent group, and difference() and ratio() between groups; each figure with its interval.
 */
export function groupedTable(frames: readonly AuditFrameJson[], band: string, metrics: readonly AuditMetric[] = ["mean", "worst", "worstAlpha", "variance", "c95MinusC5", "jain", "hNorm"]): string {
  const cols = COLUMNS.filter(([m]) => metrics.includes(m));
  const rows: string[][] = [];
  for (const f of frames.filter((x) => x.band === band)) {
    const line = (who: string, set: AuditFrameJson["overall"]) => rows.push([f.forecast, who, ...cols.map(([m]) => formatFigure(set[m]))]);
    line("overall", f.overall);
    for (const [g, set] of Object.entries(f.byGroup)) line(g, set);
    line("difference()", f.difference);
    line("ratio()", f.ratio);
  }
  return markdownTable(["forecast", "agents", ...cols.map(([, h]) => h)], rows);
}

/** Regret by horizon band: every forecast's overall mean, worst and worst-α regret and its MAE, per band. */
export function bandTable(frames: readonly AuditFrameJson[]): string {
  const rows = frames.map((f) => [f.forecast, f.band, String(f.decisions), String(f.days), formatFigure(f.overall.mean), formatFigure(f.overall.worst), formatFigure(f.overall.worstAlpha), formatFigure(f.mae)]);
  return markdownTable(["forecast", "band", "decisions", "days", "mean regret", "worst", "worst-α", "MAE"], rows);
}

/**
 * The recalibration's table: per method, each figure's mean ± 95 % CI over seeds [the hull of the seeds'
 * bootstrap intervals], the baselines' over the same test days, and each method's change in worst and
 * worst-α against the published forecast with its paired interval (the same resampled days).
 */
export function recalibrationTable(summary: AuditSummary, band = "all"): string {
  const rec = summary.recalibration;
  if (!rec) return "";
  const frames = rec.frames.filter((f) => f.band === band || (band === "all" && summary.decision.bands.length === 1));
  const zero = { value: 0, lo: 0, hi: 0 };
  const metrics: [string, (f: AuditFrameJson) => Figure][] = [
    ["mean", (f) => f.overall.mean], ["worst", (f) => f.overall.worst], ["worst-α", (f) => f.overall.worstAlpha],
    ["variance", (f) => f.overall.variance], ["MSE", (f) => f.mse],
    ["Δ worst vs published (paired)", (f) => f.change?.worst ?? zero], ["Δ worst-α vs published (paired)", (f) => f.change?.worstAlpha ?? zero],
  ];
  const rows: string[][] = [];
  for (const name of ["published", "persistence"]) {
    const f = frames.find((x) => x.forecast === name);
    if (f) rows.push([name, "–", ...metrics.map(([, get]) => formatFigure(get(f)))]);
  }
  for (const method of [...new Set(rec.models.map((m) => m.method))]) {
    const fs = rec.models.filter((m) => m.method === method).map((m) => frames.find((x) => x.forecast === m.name)!).filter(Boolean);
    rows.push([`recalibrated: ${method}`, String(fs.length), ...metrics.map(([, get]) => seedSpread(fs.map(get)))]);
  }
  return markdownTable(["forecast", "seeds", ...metrics.map(([h]) => h)], rows);
}

/**
 * How each method's setting was chosen, per seed: the criterion, the chosen setting and its validation
 * figure, and every candidate's validation figure (grid order; the chosen one starred). Validation days only.
 */
export function selectionTable(summary: AuditSummary): string {
  const rec = summary.recalibration;
  if (!rec?.selection) return "";
  const rows = rec.selection.map((s) => [
    s.method, String(s.seed), s.criterion, describeSetting(s.candidates[s.chosen].setting), fmt(s.candidates[s.chosen].validation, 4),
    s.candidates.map((c, k) => `${k === s.chosen ? "*" : ""}${fmt(c.validation, 4)}`).join(" / "),
  ]);
  return markdownTable(["method", "seed", "criterion (validation days)", "chosen setting", "chosen's validation", "every candidate's validation"], rows);
}

/** "54.1 ± 2.3 (bootstrap [43.1, 67.3]…[46.6, 62.0])": mean ± t-interval over seeds, and the seeds' bootstrap intervals' hull. */
function seedSpread(figs: readonly Figure[]): string {
  const v = figs.map((f) => f.value);
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  const t = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262][n - 2] ?? 1.96;
  const half = (t * sd) / Math.sqrt(n);
  const lo = Math.min(...figs.map((f) => f.lo));
  const hi = Math.max(...figs.map((f) => f.hi));
  return `${fmt(mean, 3)} ± ${Number.isFinite(half) ? fmt(half, 2) : "–"} [${fmt(lo, 3)}, ${fmt(hi, 3)}]`;
}
