import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { canonicalJson, InputError } from "@equitable/core";
import { METRICS } from "@equitable/experiment";
import type { CellResult, CellSpec } from "./cell.js";

/** A cell's state in the database: not run yet, finished with results, or refused by training (diverged, bad input). */
export type CellStatus = "pending" | "done" | "failed";

/** One stored cell, as the report reads it. */
export interface StoredCell {
  readonly id: string;
  readonly idx: number;
  readonly scenario: string;
  readonly scenarioName: string;
  readonly method: string;
  readonly label: string;
  readonly q: number | null;
  readonly beta: number | null;
  readonly seed: number;
  readonly epochs: number;
  readonly params: Record<string, unknown>;
  /** The method's own parameters of the cell's job (IRWO's distance): two cells of one method apart. */
  readonly methodParams: Record<string, unknown>;
  /** The scenario's α behind the `worstAlpha` metric (null until the cell is done). */
  readonly alpha: number | null;
  readonly status: CellStatus;
  readonly metrics: Record<(typeof METRICS)[number], number> | null;
  readonly error: string | null;
}

/** Columns added since the first layout, with their types: an older database gains them on open. */
const ADDED_COLUMNS: [string, string][] = [["method_params", "TEXT NOT NULL DEFAULT '{}'"], ["alpha", "REAL"], ["worstAlpha", "REAL"]];

/** A stored cell with its agents' mean regrets (empty unless done): a row of what a report is built from. */
export type CellRow = StoredCell & { readonly agentIds: readonly string[]; readonly regrets: readonly number[] };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sweep (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  config TEXT NOT NULL,
  code_version TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cells (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  idx INTEGER NOT NULL,
  scenario TEXT NOT NULL,
  scenario_name TEXT NOT NULL,
  method TEXT NOT NULL,
  label TEXT NOT NULL,
  q REAL,
  beta REAL,
  seed INTEGER NOT NULL,
  epochs INTEGER NOT NULL,
  params TEXT NOT NULL,
  method_params TEXT NOT NULL DEFAULT '{}',
  alpha REAL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
  ${METRICS.map((m) => `${m} REAL`).join(",\n  ")},
  epochs_seen INTEGER,
  train_seconds REAL,
  error TEXT,
  code_version TEXT,
  worker TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  finished_at TEXT
);
CREATE TABLE IF NOT EXISTS agent_regrets (
  cell_id TEXT NOT NULL REFERENCES cells(id),
  agent INTEGER NOT NULL,
  agent_id TEXT NOT NULL,
  mean_regret REAL NOT NULL,
  PRIMARY KEY (cell_id, agent)
);
`;

/**
 * An SQLite failure on the database at `path` as one line naming it (locked, disk full, read-only,
 * unreadable); any other error is returned as it is.
 */
export function databaseError(err: unknown, path: string, where: string): unknown {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string") return err;
  const message = (err as Error).message;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return new InputError(where, `'${path}' is locked by another process (${message}): try again once it lets go`);
  if (code === "SQLITE_FULL") return new InputError(where, `the disk of '${path}' is full (${message}): free some space and rerun (finished cells are kept)`);
  if (code.startsWith("SQLITE_READONLY")) return new InputError(where, `'${path}' cannot be written (${message}): check its permissions and its directory's`);
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return new InputError(where, `'${path}' is not a sweep results database (${message})`);
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN") || code === "SQLITE_PERM") return new InputError(where, `cannot read or write '${path}' (${code}: ${message})`);
  // Others (a statement SQLite refuses) are the program's, not the file's.
  return err;
}

/** A failure to open `path` read-only as one line naming it: an SQLite one as {@link databaseError} says, else not a results database. */
function readError(err: unknown, path: string, where: string): Error {
  const known = databaseError(err, path, where);
  if (known instanceof InputError) return known;
  if ((err as NodeJS.ErrnoException)?.syscall) return new InputError(where, `cannot read '${path}' (${(err as Error).message})`);
  return new InputError(where, `'${path}' is not a sweep results database (${(err as Error).message})`);
}

/** What of a sweep configuration defines its cells: all but the description (and an editor's $schema). */
function cellsOf(config: unknown): string {
  const { description: _d, $schema: _s, ...rest } = config as Record<string, unknown>;
  return canonicalJson(rest);
}

/**
 * The sweep's results database (SQLite through better-sqlite3): the sweep's configuration and code
 * version, a row per cell (parameters, status, metrics) and a row per agent of each finished cell.
 * A cell's results are written in one transaction, so a process killed at any moment leaves each
 * row either pending or complete; WAL journaling makes a committed cell survive SIGKILL.
 */
export class ResultsDb {
  private constructor(private readonly db: Database.Database, readonly path: string, private readonly cleanup?: () => void) {}

  /** Opens (creating) the database at `path`. */
  static open(path: string, where = "--db"): ResultsDb {
    let db: Database.Database;
    try {
      db = new Database(path);
      db.pragma("journal_mode = WAL");
      // NORMAL is durable against a killed process (not a power cut), and cheap.
      db.pragma("synchronous = NORMAL");
      db.pragma("busy_timeout = 10000");
      db.exec(SCHEMA);
      const have = new Set((db.prepare("PRAGMA table_info(cells)").all() as { name: string }[]).map((c) => c.name));
      for (const [name, type] of ADDED_COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE cells ADD COLUMN ${name} ${type}`);
    } catch (err) {
      const known = databaseError(err, path, where);
      throw known instanceof InputError ? known : new InputError(where, `cannot open '${path}' as an SQLite database (${(err as Error).message})`);
    }
    return new ResultsDb(db, path);
  }

  /**
   * Opens an existing database read-only (the report). A database SQLite cannot open in place
   * because its directory or its -shm file is read-only (WAL readers write the -shm) is read from a
   * temporary copy of it and its -wal; every other failure is one line naming the file and why.
   */
  static openReadOnly(path: string, where = "database"): ResultsDb {
    try {
      accessSync(path, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(where, code === "ENOENT" ? `no database at '${path}'` : `cannot read '${path}' (${code === "EACCES" ? "permission denied" : code})`);
    }
    try {
      return ResultsDb.readOnlyAt(path, path);
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (!code.startsWith("SQLITE_READONLY") && code !== "SQLITE_CANTOPEN") throw readError(err, path, where);
    }
    const dir = mkdtempSync(join(tmpdir(), "equitable-report-db-"));
    const copy = join(dir, basename(path));
    try {
      copyFileSync(path, copy);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
      return ResultsDb.readOnlyAt(copy, path, () => rmSync(dir, { recursive: true, force: true }));
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw readError(err, path, where);
    }
  }

  /** Opens `file` read-only and checks it holds a sweep; `path` is the name the errors and readers see. */
  private static readOnlyAt(file: string, path: string, cleanup?: () => void): ResultsDb {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      db.prepare("SELECT 1 FROM sweep").get();
    } catch (err) {
      db.close();
      throw err;
    }
    return new ResultsDb(db, path, cleanup);
  }

  /**
   * Records the sweep (first time) or checks that the database holds this same sweep (a resume);
   * inserts the cells not yet known as pending. Returns the cells still to run.
   */
  prepare(name: string, file: string, config: unknown, codeVersion: string, cells: readonly CellSpec[]): CellSpec[] {
    const text = canonicalJson(config);
    const existing = this.db.prepare("SELECT config, name FROM sweep WHERE id = 1").get() as { config: string; name: string } | undefined;
    if (existing && cellsOf(JSON.parse(existing.config)) !== cellsOf(config)) {
      throw new InputError("--db", `'${this.path}' holds the results of another sweep configuration ('${existing.name}'): use a fresh --db, or the sweep file it was made with`);
    }
    const insert = this.db.prepare(`INSERT OR IGNORE INTO cells (id, key, idx, scenario, scenario_name, method, label, q, beta, seed, epochs, params, method_params, status)
      VALUES (@id, @key, @index, @scenarioRef, @scenarioName, @method, @label, @q, @beta, @seed, @epochs, @paramsText, @methodParamsText, 'pending')`);
    this.db.transaction(() => {
      if (!existing) {
        this.db.prepare("INSERT INTO sweep (id, name, file, config, code_version, created_at) VALUES (1, ?, ?, ?, ?, ?)")
          .run(name, file, text, codeVersion, new Date().toISOString());
      }
      for (const c of cells) insert.run({ id: c.id, key: c.key, index: c.index, scenarioRef: c.scenarioRef, scenarioName: c.scenarioName, method: c.method, label: c.label, q: c.q, beta: c.beta, seed: c.seed, epochs: c.epochs, paramsText: canonicalJson(c.params), methodParamsText: canonicalJson(c.methodParams) });
    })();
    const finished = new Set((this.db.prepare("SELECT id FROM cells WHERE status != 'pending'").all() as { id: string }[]).map((r) => r.id));
    return cells.filter((c) => !finished.has(c.id));
  }

  /**
   * Stores a finished cell in one transaction. Returns false, writing nothing, when the cell is
   * already finished (a result delivered twice, as a retried queue job can): no cell is stored twice.
   */
  complete(cellId: string, result: CellResult, codeVersion: string, worker: string): boolean {
    return this.db.transaction(() => {
      const set = METRICS.map((m) => `${m} = @${m}`).join(", ");
      const changed = this.db.prepare(`UPDATE cells SET status = 'done', ${set}, alpha = @alpha, epochs_seen = @epochsSeen, train_seconds = @trainSeconds,
        error = NULL, code_version = @codeVersion, worker = @worker, attempts = attempts + 1, finished_at = @at WHERE id = @id AND status = 'pending'`)
        .run({ ...Object.fromEntries(METRICS.map((m) => [m, result.row[m]])), alpha: result.row.alpha, epochsSeen: result.row.epochs, trainSeconds: result.trainSeconds, codeVersion, worker, at: new Date().toISOString(), id: cellId }).changes;
      if (changed === 0) return false;
      const agent = this.db.prepare("INSERT INTO agent_regrets (cell_id, agent, agent_id, mean_regret) VALUES (?, ?, ?, ?)");
      result.agentMeanRegrets.forEach((r, k) => agent.run(cellId, k, result.agentIds[k], r));
      return true;
    })();
  }

  /** Marks a cell failed (training diverged, the data refused it): a finished cell, with its one-line reason. */
  fail(cellId: string, message: string, codeVersion: string, worker: string): boolean {
    return this.db.prepare(`UPDATE cells SET status = 'failed', error = ?, code_version = ?, worker = ?, attempts = attempts + 1, finished_at = ?
      WHERE id = ? AND status = 'pending'`).run(message, codeVersion, worker, new Date().toISOString(), cellId).changes > 0;
  }

  /** The sweep stored, or undefined in a new database. */
  storedSweep(): ReturnType<ResultsDb["sweep"]> | undefined {
    const has = this.db.prepare("SELECT 1 FROM sweep WHERE id = 1").get();
    return has ? this.sweep() : undefined;
  }

  /** The sweep's stored configuration and code version. */
  sweep(): { name: string; file: string; config: unknown; codeVersion: string; createdAt: string } {
    const row = this.db.prepare("SELECT name, file, config, code_version, created_at FROM sweep WHERE id = 1").get() as
      { name: string; file: string; config: string; code_version: string; created_at: string } | undefined;
    if (!row) throw new InputError(this.path, "holds no sweep yet");
    return { name: row.name, file: row.file, config: JSON.parse(row.config), codeVersion: row.code_version, createdAt: row.created_at };
  }

  /** Every cell, in expansion order. */
  cells(): StoredCell[] {
    const rows = this.db.prepare("SELECT * FROM cells ORDER BY idx").all() as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
      idx: r.idx as number,
      scenario: r.scenario as string,
      scenarioName: r.scenario_name as string,
      method: r.method as string,
      label: r.label as string,
      q: r.q as number | null,
      beta: r.beta as number | null,
      seed: r.seed as number,
      epochs: r.epochs as number,
      params: JSON.parse(r.params as string),
      methodParams: JSON.parse((r.method_params as string | null) ?? "{}"),
      alpha: (r.alpha as number | null) ?? null,
      status: r.status as CellStatus,
      metrics: r.status === "done" ? (Object.fromEntries(METRICS.map((m) => [m, (r[m] as number | null) ?? Number.NaN])) as StoredCell["metrics"]) : null,
      error: (r.error as string | null) ?? null,
    }));
  }

  /** Each finished cell's per-agent mean regrets, by cell id. */
  agentRegrets(): Map<string, { agentIds: string[]; regrets: number[] }> {
    const rows = this.db.prepare("SELECT cell_id, agent_id, mean_regret FROM agent_regrets ORDER BY cell_id, agent").all() as
      { cell_id: string; agent_id: string; mean_regret: number }[];
    const out = new Map<string, { agentIds: string[]; regrets: number[] }>();
    for (const r of rows) {
      let e = out.get(r.cell_id);
      if (!e) out.set(r.cell_id, (e = { agentIds: [], regrets: [] }));
      e.agentIds.push(r.agent_id);
      e.regrets.push(r.mean_regret);
    }
    return out;
  }

  /** Every cell, in expansion order, with its agents' mean regrets: the rows of `@equitable/report`. */
  cellRows(): CellRow[] {
    const regrets = this.agentRegrets();
    return this.cells().map((c) => ({ ...c, agentIds: regrets.get(c.id)?.agentIds ?? [], regrets: regrets.get(c.id)?.regrets ?? [] }));
  }

  /** Counts of cells by status. */
  counts(): Record<CellStatus, number> {
    const out: Record<CellStatus, number> = { pending: 0, done: 0, failed: 0 };
    for (const r of this.db.prepare("SELECT status, COUNT(*) AS n FROM cells GROUP BY status").all() as { status: CellStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
    this.cleanup?.();
  }
}
