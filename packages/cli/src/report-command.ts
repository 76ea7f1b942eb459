import { join, resolve } from "node:path";
import { InputError } from "@equitable/core";
import { existsSync, readFileSync, statSync } from "node:fs";
import { readAuditJson } from "@equitable/audit";
import { buildAuditReport, buildReport, MAX_SIMULATION_POINTS, parseRoundRows, parseWeekRows, ROUNDS_FILE, weeklyMeans, WEEKLY_EQUITY_FILE, type ReportInput, type RoundCsvRow, type WeekRow } from "@equitable/report";
import { databaseError, ResultsDb } from "@equitable/sweep";
import { outputWriteError, RunStore, writeFileAtomic } from "@equitable/experiment";

/** Options of `equitable report`. */
export interface ReportOptions {
  out?: string;
  /** An `equitable simulate` output directory whose weekly equity the report shows over time. */
  simulation?: string;
  force?: boolean;
}

/** The report's rows from a results database: the sweep's description and every cell with its agents' regrets. */
export function reportInput(db: ResultsDb): ReportInput {
  const sweep = db.sweep();
  const config = sweep.config as { description?: string };
  return {
    sweep: { name: sweep.name, description: config.description ?? "", file: sweep.file, codeVersion: sweep.codeVersion, createdAt: sweep.createdAt },
    cells: db.cellRows(),
  };
}

/**
 * `equitable report <db> --out report/`: a self-contained HTML report of a sweep's results database
 * (Table-1 style tables, regret distributions, the price-of-equity front, changes against Plain PM)
 * and each chart as SVG. The output directory is owned like a run's: only files a report wrote
 * are ever replaced.
 */
export async function reportCommand(dbPath: string, opts: ReportOptions): Promise<void> {
  if (opts.out !== undefined && opts.out.trim() === "") throw new InputError("--out", "is empty: name the report's directory, or leave --out off for report/");
  // An `equitable audit` output directory: its audit.json is the report's rows.
  const auditFile = join(resolve(dbPath), "audit.json");
  if (existsSync(auditFile) && statSync(resolve(dbPath)).isDirectory()) {
    if (opts.simulation !== undefined) throw new InputError("--simulation", "charts a sweep's report, not an audit's");
    await writeReport(await buildAuditReport(readAuditJson(readFileSync(auditFile, "utf8"), auditFile)), opts);
    return;
  }
  let simulation: WeekRow[] | undefined;
  let rounds: RoundCsvRow[] | undefined;
  if (opts.simulation !== undefined) {
    const dir = resolve(opts.simulation);
    const read = (name: string): string | undefined => {
      try {
        return readFileSync(join(dir, name), "utf8");
      } catch {
        return undefined;
      }
    };
    // A closed loop (simulate --rounds) writes rounds.csv; an open-loop simulation weekly-equity.csv.
    const roundsText = read(ROUNDS_FILE);
    if (roundsText !== undefined) rounds = parseRoundRows(roundsText, join(dir, ROUNDS_FILE));
    const file = join(dir, WEEKLY_EQUITY_FILE);
    const text = read(WEEKLY_EQUITY_FILE);
    if (text === undefined && rounds === undefined) {
      throw new InputError("--simulation", `${opts.simulation} holds no ${WEEKLY_EQUITY_FILE} or ${ROUNDS_FILE} (name an \`equitable simulate\` output directory)`);
    }
    if (text !== undefined) {
      simulation = parseWeekRows(text, file);
      // Refused before the database is read: the charts draw every point into the page.
      const points = weeklyMeans(simulation).length;
      if (points > MAX_SIMULATION_POINTS) {
        throw new InputError("--simulation", `${file} charts ${points} points (deployment × week, averaged over seeds; ${simulation.length} rows), over the limit of ${MAX_SIMULATION_POINTS} a report draws: simulate fewer deployments or a shorter period`);
      }
    }
    if (rounds !== undefined && rounds.length > MAX_SIMULATION_POINTS) {
      throw new InputError("--simulation", `${join(dir, ROUNDS_FILE)} has ${rounds.length} rows, over the limit of ${MAX_SIMULATION_POINTS} a report draws: simulate fewer rounds or deployments`);
    }
  }
  const db = ResultsDb.openReadOnly(resolve(dbPath), dbPath);
  let input: ReportInput;
  try {
    input = reportInput(db);
  } catch (err) {
    // Locked or unreadable mid-read: said naming the file, like a failure to open it.
    throw databaseError(err, resolve(dbPath), dbPath);
  } finally {
    db.close();
  }
  await writeReport(await buildReport(input, { simulation, rounds }), opts);
}

/** Writes a report's files into its owned output directory, as a run writes its own. */
async function writeReport(files: Map<string, string>, opts: ReportOptions): Promise<void> {
  const out = resolve(opts.out ?? "report");
  const where = opts.out !== undefined ? "--out" : "output directory";
  const dir = await RunStore.open(out, { where, force: opts.force === true, planned: [...files.keys()] });
  try {
    await dir.begin();
    for (const [rel, text] of files) {
      await writeFileAtomic(join(out, rel), text);
      await dir.wrote([rel]);
    }
    await dir.complete();
  } catch (err) {
    await dir.fail(err);
    throw outputWriteError(err, out, where);
  } finally {
    await dir.release();
  }
  const charts = [...files.keys()].filter((f) => f.endsWith(".svg")).length;
  process.stdout.write(`Wrote ${join(out, "index.html")} and ${charts} charts (SVG and Vega-Lite spec each) in ${join(out, "charts")}\n`);
}
