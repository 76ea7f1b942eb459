// `npx tsx scripts/paper-ratios.ts <run-dir> [--evaluation per-tick|mean-forecast] [--data-dir D] [--rows FILE] [--from FILE]`
// Reads a replicated `equitable run … --seeds …` directory and prints, as Markdown, each model's
// metrics (mean ± 95 % CI over the seeds) and the Plain / Equitable ratios of Table 1's metrics
// per seed (geometric mean, 95 % CI), beside the paper's own ratios where the setting and q+1 match.
// per-tick (the default) reads summary.json; mean-forecast re-evaluates every saved model with
// `equitable evaluate --evaluation mean-forecast --json` (the authors' protocol), no retraining.
// --rows saves the rows it used; --from reads such a file instead of evaluating again.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
// The workspace root depends on no package; the script reads core's sources directly.
import { meanCi95 } from "../packages/core/src/index.ts";
import type { ResultRow as SummaryRow } from "@equitable/experiment";

/** The summary.json fields the ratios read (`evaluate --json` prints them too). */
type Row = Pick<SummaryRow, "method" | "qPlusOne" | "seed" | "variance" | "mean" | "c95MinusC5" | "mse" | "hNorm" | "worst">;

/** Table 1 of the paper's metrics, in its column order; ratios are Plain / Equitable for each. */
const METRICS: [keyof Row, string][] = [["variance", "variance"], ["mean", "mean"], ["c95MinusC5", "C95−C5"], ["mse", "MSE"]];
/** Every metric the run prints, for the absolute table. */
const ALL: [keyof Row, string][] = [...METRICS, ["hNorm", "H_norm"], ["worst", "worst"]];

/** The paper's Table 1 (ICML 2024), by scenario name: Plain PM, then Equitable PM by q+1 (variance, mean, C95−C5, MSE). */
const TABLE1: Record<string, { plain: number[]; equitable: Record<string, number[]> }> = {
  "datacenter-similar-agents-different-lambda": {
    plain: [0.0085, 0.2732, 0.2897, 4.2054],
    equitable: { "1": [0.0029, 0.1591, 0.1687, 4.6308], "1.1": [0.0003, 0.0544, 0.0576, 4.2465], "1.5": [0.0002, 0.0465, 0.0493, 4.2194] },
  },
  "datacenter-different-agents-same-lambda": {
    plain: [0.0009, 0.0988, 0.0879, 4.2013],
    equitable: { "1": [0.0008, 0.0909, 0.0809, 5.0991], "3": [0.0001, 0.0345, 0.0306, 4.4338], "20": [1.71e-5, 0.0136, 0.0121, 4.2028] },
  },
  "datacenter-different-agents-different-lambda": {
    plain: [0.0602, 0.4779, 0.7717, 4.2013],
    equitable: { "1": [0.0181, 0.2619, 0.4229, 4.6607], "3": [0.0068, 0.1603, 0.2588, 4.4182], "10": [0.0055, 0.1444, 0.2331, 4.3819] },
  },
};

function usage(message: string): never {
  process.stderr.write(`error: ${message}\nusage: npx tsx scripts/paper-ratios.ts <run-dir> [--evaluation per-tick|mean-forecast] [--data-dir D] [--rows FILE] [--from FILE]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { dir: string; evaluation: string; dataDir?: string; rowsFile?: string; fromFile?: string } {
  const [dir, ...rest] = argv;
  if (!dir || dir.startsWith("--")) usage("missing run directory");
  const opts: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (!["--evaluation", "--data-dir", "--rows", "--from"].includes(rest[i]) || rest[i + 1] === undefined) usage(`unknown or incomplete option ${rest[i]}`);
    opts[rest[i]] = rest[i + 1];
  }
  const evaluation = opts["--evaluation"] ?? "per-tick";
  if (evaluation !== "per-tick" && evaluation !== "mean-forecast") usage(`--evaluation: ${evaluation} is neither per-tick nor mean-forecast`);
  return { dir: resolve(dir), evaluation, dataDir: opts["--data-dir"], rowsFile: opts["--rows"], fromFile: opts["--from"] };
}

/** Re-evaluates every models/seed-<s>/<label> of a replicated run with the CLI, one process per model. */
function reevaluate(dir: string, dataDir: string | undefined): Row[] {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsx = join(root, "node_modules/.bin/tsx");
  const models = join(dir, "models");
  const seeds = readdirSync(models).filter((d) => d.startsWith("seed-")).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  if (seeds.length === 0) usage(`${models} has no seed-<s> folders (is it a run with --seeds?)`);
  const rows: Row[] = [];
  for (const s of seeds) {
    for (const label of readdirSync(join(models, s)).sort()) {
      const args = ["--conditions=@equitable/source", join(root, "packages/cli/src/bin.ts"), "evaluate", join(models, s, label), "--evaluation", "mean-forecast", "--json"];
      if (dataDir) args.push("--data-dir", resolve(dataDir));
      process.stderr.write(`evaluating ${s}/${label}…\n`);
      rows.push(JSON.parse(execFileSync(tsx, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })) as Row);
    }
  }
  return rows;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return "–";
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(4);
}

function fmtRatio(v: number): string {
  if (!Number.isFinite(v)) return "–";
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** Geometric mean of per-seed ratios and its 95 % CI, taken on the log scale: a ratio of two small, noisy numbers is skewed. */
function geoCi(ratios: number[]): string {
  const { mean, halfWidth } = meanCi95(ratios.map(Math.log));
  const gm = fmtRatio(Math.exp(mean));
  return Number.isNaN(halfWidth) ? gm : `${gm} [${fmtRatio(Math.exp(mean - halfWidth))}, ${fmtRatio(Math.exp(mean + halfWidth))}]`;
}

function ci(values: number[], f: (v: number) => string): string {
  const { mean, halfWidth } = meanCi95(values);
  return Number.isNaN(halfWidth) ? f(mean) : `${f(mean)} ± ${f(halfWidth)}`;
}

/** A model's key within a seed: "plain" or the Equitable PM's q+1. */
function keyOf(r: Row): string {
  return r.qPlusOne === null ? r.method : String(r.qPlusOne);
}

const { dir, evaluation, dataDir, rowsFile, fromFile } = parseArgs(process.argv.slice(2));
const runJson = join(dir, "run.json");
if (!existsSync(runJson)) usage(`${runJson} not found (not a completed run directory?)`);
const name = (JSON.parse(readFileSync(runJson, "utf8")) as { scenario: { name: string } }).scenario.name;
const rows: Row[] = fromFile
  ? JSON.parse(readFileSync(fromFile, "utf8"))
  : evaluation === "per-tick" ? JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) : reevaluate(dir, dataDir);
if (rowsFile) writeFileSync(rowsFile, `${JSON.stringify(rows, null, 2)}\n`);

const bySeed = new Map<number, Map<string, Row>>();
for (const r of rows) bySeed.set(r.seed, (bySeed.get(r.seed) ?? new Map()).set(keyOf(r), r));
// Plain first, then the Equitable PMs by q+1.
const keys = [...new Set(rows.map(keyOf))].sort((a, b) => (a === "plain" ? -1 : b === "plain" ? 1 : Number(a) - Number(b)));
const equitableKeys = keys.filter((k) => k !== "plain");
const seeds = [...bySeed.keys()].sort((a, b) => a - b);
const lines: string[] = [`${name}, ${evaluation} evaluation, seeds ${seeds.join(", ")} (mean ± 95 % CI over seeds)`, ""];

lines.push(`| method | q+1 | ${ALL.map(([, h]) => h).join(" | ")} |`, `|---|---|${ALL.map(() => "---|").join("")}`);
for (const k of keys) {
  const of = seeds.map((s) => bySeed.get(s)!.get(k)!).filter(Boolean);
  lines.push(`| ${k === "plain" ? "Plain" : "Equitable"} | ${k === "plain" ? "–" : k} | ${ALL.map(([m]) => ci(of.map((r) => r[m] as number), fmt)).join(" | ")} |`);
}

const paper = TABLE1[name];
lines.push("", `Plain / Equitable: geometric mean of the per-seed ratios [95 % CI]; the paper's Table 1 in brackets where it has that q+1:`, "");
lines.push(`| q+1 | ${METRICS.map(([, h]) => h).join(" | ")} | variance, per seed |`, `|---|${METRICS.map(() => "---|").join("")}---|`);
const ratiosOf = (k: string, m: keyof Row): number[] =>
  seeds.filter((s) => bySeed.get(s)!.has(k)).map((s) => (bySeed.get(s)!.get("plain")![m] as number) / (bySeed.get(s)!.get(k)![m] as number));
for (const k of equitableKeys) {
  const cells = METRICS.map(([m], i) => {
    const theirs = paper?.equitable[k] ? ` (${fmtRatio(paper.plain[i] / paper.equitable[k][i])})` : "";
    return `${geoCi(ratiosOf(k, m))}${theirs}`;
  });
  lines.push(`| ${k} | ${cells.join(" | ")} | ${ratiosOf(k, "variance").map(fmtRatio).join(", ")} |`);
}
if (paper) {
  const others = Object.keys(paper.equitable).filter((k) => !equitableKeys.includes(k));
  for (const k of others) lines.push(`| paper ${k} | ${METRICS.map((_, i) => `(${fmtRatio(paper.plain[i] / paper.equitable[k][i])})`).join(" | ")} | |`);
}
process.stdout.write(`${lines.join("\n")}\n`);
