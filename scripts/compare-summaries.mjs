#!/usr/bin/env node
// Compares the summary.json metrics of two sets of runs (e.g. before and after a refactor):
// `node scripts/compare-summaries.mjs <runs-before> <runs-after> [tolerance]`, each a folder of
// <scenario>/summary.json. Prints the largest difference per scenario; exits 1 above tolerance.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [before, after, tol = "1e-12"] = process.argv.slice(2);
if (!before || !after) {
  process.stderr.write("usage: node scripts/compare-summaries.mjs <runs-before> <runs-after> [tolerance]\n");
  process.exit(2);
}
const tolerance = Number(tol);
// trainSeconds is a wall time, not a result.
const METRICS = ["variance", "mean", "c95MinusC5", "mse", "hNorm", "worst", "jain"];
const IDENTITY = ["method", "q", "qPlusOne", "beta", "seed", "epochs"];
let worst = 0;
let failed = false;
for (const name of readdirSync(before).sort()) {
  const a = join(before, name, "summary.json");
  const b = join(after, name, "summary.json");
  if (!existsSync(a)) continue;
  if (!existsSync(b)) {
    process.stdout.write(`${name}: missing in ${after}\n`);
    failed = true;
    continue;
  }
  const rowsA = JSON.parse(readFileSync(a, "utf8"));
  const rowsB = JSON.parse(readFileSync(b, "utf8"));
  if (rowsA.length !== rowsB.length) {
    process.stdout.write(`${name}: ${rowsA.length} rows before, ${rowsB.length} after\n`);
    failed = true;
    continue;
  }
  let max = 0;
  rowsA.forEach((ra, i) => {
    const rb = rowsB[i];
    for (const k of IDENTITY) if (ra[k] !== rb[k]) { process.stdout.write(`${name}: row ${i} ${k} ${ra[k]} → ${rb[k]}\n`); failed = true; }
    for (const k of METRICS) max = Math.max(max, Math.abs(ra[k] - rb[k]) / Math.max(1, Math.abs(ra[k])));
  });
  worst = Math.max(worst, max);
  process.stdout.write(`${name}: ${rowsA.length} rows, largest metric difference ${max.toExponential(2)}${max > tolerance ? "  ABOVE TOLERANCE" : ""}\n`);
  if (max > tolerance) failed = true;
}
process.stdout.write(`largest difference over all scenarios: ${worst.toExponential(2)} (tolerance ${tolerance})\n`);
process.exit(failed ? 1 : 0);
