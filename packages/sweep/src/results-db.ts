import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { canonicalJson, InputError } from "@equitable/core";
import { METRICS, processAlive as alive } from "@equitable/experiment";
import type { CellResult, CellSpec } from "./cell.js";

/**
 * A cell's state in the database: not run yet, finished with results, refused by training for good
 * (diverged: rerun only with --retry-failed), or refused for a reason the operator can fix (a
 * missing file, a plug-in that did not load: rerun by the next sweep).
 */
export type CellStatus = "pending" | "done" | "failed" | "failed-retryable";

/** Every status, in the order counts are printed. */
const STATUSES: readonly CellStatus[] = ["pending", "done", "failed", "failed-retryable"];

/** `PRAGMA application_id` of a results database ("EqSw"): how --db tells this framework's file from another application's. */
export const APPLICATION_ID = 0x45715377;

/** `PRAGMA user_version`: the schema's version (2: failed-retryable, inputs, lease). */
const SCHEMA_VERSION = 2;

/** The tables a results database holds (a file of version 1 held the first three). */
const OWN_TABLES = new Set(["sweep", "cells", "agent_regrets", "lease"]);

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

/** The cells table's definition under `name` (a migration builds the new layout beside the old). */
const cellsTable = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
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
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'failed-retryable')),
  ${METRICS.map((m) => `${m} REAL`).join(",\n  ")},
  epochs_seen INTEGER,
  train_seconds REAL,
  error TEXT,
  code_version TEXT,
  worker TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  finished_at TEXT
);`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sweep (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  config TEXT NOT NULL,
  code_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  inputs TEXT
);
${cellsTable("cells")}
CREATE TABLE IF NOT EXISTS lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  token TEXT NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS agent_regrets (
  cell_id TEXT NOT NULL REFERENCES cells(id),
  agent INTEGER NOT NULL,
  agent_id TEXT NOT NULL,
  mean_regret REAL NOT NULL,
  PRIMARY KEY (cell_id, agent)
);
`;

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
  private heartbeat: NodeJS.Timeout | undefined;
  private leaseToken: string | undefined;

  /** A private copy this reader opened instead of the file (removed on close). */
  private copyDir: string | undefined;

  private constructor(private readonly db: Database.Database, readonly path: string, private readonly where = "--db") {}

  /**
   * Opens (creating) the database at `path`. Only a new or empty file, or one this framework made,
   * is opened for writing: anything else (another application's SQLite file, a file that is not
   * SQLite) is refused before a byte of it changes.
   */
  static open(path: string, where = "--db"): ResultsDb {
    checkOwnFile(path, where);
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      db.pragma("journal_mode = WAL");
      // NORMAL is durable against a killed process (not a power cut), and cheap.
      db.pragma("synchronous = NORMAL");
      db.pragma("busy_timeout = 10000");
      db.exec(SCHEMA);
      migrate(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (err) {
      db?.close();
      throw databaseError(err, path, where);
    }
    return new ResultsDb(db, path, where);
  }

  /**
   * Opens an existing database read-only (the report). A file SQLite cannot open read-only in place
   * (a WAL database on a read-only disk or without write permission: SQLite needs its -shm file) is
   * read from a private copy, since a report only reads.
   */
  static openReadOnly(path: string, where = "database"): ResultsDb {
    if (!existsSync(path)) throw new InputError(where, `no database at '${path}'`);
    const attempt = (file: string) => {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        db.prepare("SELECT 1 FROM sweep").get();
      } catch (err) {
        db.close();
        throw err;
      }
      return new ResultsDb(db, path, where);
    };
    try {
      return attempt(path);
    } catch (err) {
      const code = String((err as { code?: unknown }).code);
      // SQLITE_CANTOPEN / SQLITE_READONLY_*: a WAL file whose -shm cannot be made here; anything else is the file's own.
      if (!code.startsWith("SQLITE_CANTOPEN") && !code.startsWith("SQLITE_READONLY")) {
        if (code === "SQLITE_ERROR") throw new InputError(where, `'${path}' is not a sweep results database (${(err as Error).message})`);
        throw databaseError(err, path, where);
      }
    }
    let copy: string;
    try {
      copy = join(mkdtempSync(join(tmpdir(), "equitable-db-")), "results.db");
      copyFileSync(path, copy);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    } catch (err) {
      throw new InputError(where, `'${path}' cannot be read (${(err as Error).message})`);
    }
    try {
      const reader = attempt(copy);
      reader.copyDir = dirname(copy);
      return reader;
    } catch (err) {
      rmSync(dirname(copy), { recursive: true, force: true });
      throw databaseError(err, path, where);
    }
  }

  /** Runs `fn`, turning SQLite's own failures (a damaged file, a full disk, a lock) into one line naming the file. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw databaseError(err, this.path, this.where);
    }
  }

  /**
   * Takes the database for this process: a second sweep on the same file (locally or a second
   * coordinator) is refused while the first runs, so no cell is trained twice. A lease whose holder
   * is gone (a dead pid on this host; elsewhere, no heartbeat for a minute) is taken over.
   */
  claim(): void {
    this.guard(() => {
      const token = `${hostname()}:${process.pid}:${Date.now()}:${Math.random()}`;
      this.db.transaction(() => {
        const row = this.db.prepare("SELECT pid, host, started_at, heartbeat_at FROM lease WHERE id = 1").get() as
          { pid: number; host: string; started_at: string; heartbeat_at: number } | undefined;
        if (row && !leaseStale(row)) {
          throw new InputError(this.where, `'${this.path}' is in use by another sweep (pid ${row.pid} on ${row.host}, since ${row.started_at}): wait for it to finish, or stop it`);
        }
        this.db.prepare("INSERT OR REPLACE INTO lease (id, pid, host, token, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)")
          .run(process.pid, hostname(), token, new Date().toISOString(), Date.now());
      }).immediate();
      this.leaseToken = token;
    });
    // A holder on another host is judged by its heartbeat (its pid cannot be checked from here).
    this.heartbeat = setInterval(() => {
      try {
        this.db.prepare("UPDATE lease SET heartbeat_at = ? WHERE id = 1 AND token = ?").run(Date.now(), this.leaseToken);
      } catch {
        // a busy database skips one beat; the next one tries again
      }
    }, LEASE_BEAT_MS);
    this.heartbeat.unref();
  }

  /** Gives the database back (see {@link claim}); a no-op when this process holds no lease. */
  release(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    if (this.leaseToken === undefined) return;
    this.guard(() => this.db.prepare("DELETE FROM lease WHERE id = 1 AND token = ?").run(this.leaseToken));
    this.leaseToken = undefined;
  }

  /**
   * Records the sweep (first time) or checks that the database holds this same sweep (a resume):
   * the same configuration and the same inputs (`inputs`: each scenario file's, data file's and
   * the code's hash, by name), else one line naming what changed. Inserts the cells not yet known
   * as pending and returns the cells to run: pending ones, those failed for a reason the operator
   * can fix, and with `retryFailed` the failed ones too.
   */
  prepare(name: string, file: string, config: unknown, codeVersion: string, cells: readonly CellSpec[], opts: { inputs?: Readonly<Record<string, string>>; retryFailed?: boolean } = {}): CellSpec[] {
    return this.guard(() => this.prepareNow(name, file, config, codeVersion, cells, opts));
  }

  private prepareNow(name: string, file: string, config: unknown, codeVersion: string, cells: readonly CellSpec[], opts: { inputs?: Readonly<Record<string, string>>; retryFailed?: boolean }): CellSpec[] {
    const text = canonicalJson(config);
    const existing = this.db.prepare("SELECT config, name, inputs FROM sweep WHERE id = 1").get() as { config: string; name: string; inputs: string | null } | undefined;
    if (existing && cellsOf(JSON.parse(existing.config)) !== cellsOf(config)) {
      throw new InputError(this.where, `'${this.path}' holds the results of another sweep configuration ('${existing.name}'): use a fresh --db, or the sweep file it was made with`);
    }
    if (existing && opts.inputs) {
      const before = existing.inputs ? (JSON.parse(existing.inputs) as Record<string, string>) : {};
      const changed = [...new Set([...Object.keys(before), ...Object.keys(opts.inputs)])].filter((k) => before[k] !== opts.inputs![k]);
      // A database from before inputs were recorded cannot say what changed: its cells' keys do.
      if (existing.inputs && changed.length > 0) {
        throw new InputError(this.where, `'${this.path}' holds cells computed from other inputs: ${changed.slice(0, 3).join(", ")}${changed.length > 3 ? ` and ${changed.length - 3} more` : ""} changed since; use a fresh --db, or restore ${changed.length > 1 ? "them" : "it"}`);
      }
    }
    // Cells this sweep does not expand are another input's (a key holds the inputs' hash): never mix them.
    const ids = new Set(cells.map((c) => c.id));
    const foreign = (this.db.prepare("SELECT id FROM cells").all() as { id: string }[]).filter((r) => !ids.has(r.id)).length;
    if (foreign > 0) {
      throw new InputError(this.where, `'${this.path}' holds ${foreign} cells computed from other inputs (another scenario file, data or code version): use a fresh --db, or the inputs it was made with`);
    }
    const insert = this.db.prepare(`INSERT OR IGNORE INTO cells (id, key, idx, scenario, scenario_name, method, label, q, beta, seed, epochs, params, method_params, status)
      VALUES (@id, @key, @index, @scenarioRef, @scenarioName, @method, @label, @q, @beta, @seed, @epochs, @paramsText, @methodParamsText, 'pending')`);
    const retried = opts.retryFailed ? ["failed-retryable", "failed"] : ["failed-retryable"];
    this.db.transaction(() => {
      if (!existing) {
        this.db.prepare("INSERT INTO sweep (id, name, file, config, code_version, created_at, inputs) VALUES (1, ?, ?, ?, ?, ?, ?)")
          .run(name, file, text, codeVersion, new Date().toISOString(), opts.inputs ? canonicalJson(opts.inputs) : null);
      } else if (opts.inputs && !existing.inputs) {
        this.db.prepare("UPDATE sweep SET inputs = ? WHERE id = 1").run(canonicalJson(opts.inputs));
      }
      for (const c of cells) insert.run({ id: c.id, key: c.key, index: c.index, scenarioRef: c.scenarioRef, scenarioName: c.scenarioName, method: c.method, label: c.label, q: c.q, beta: c.beta, seed: c.seed, epochs: c.epochs, paramsText: canonicalJson(c.params), methodParamsText: canonicalJson(c.methodParams) });
      // Failed cells to retry are pending again: they run, and store, as new ones.
      this.db.prepare(`UPDATE cells SET status = 'pending', error = NULL WHERE status IN (${retried.map(() => "?").join(", ")})`).run(...retried);
    })();
    const finished = new Set((this.db.prepare("SELECT id FROM cells WHERE status != 'pending'").all() as { id: string }[]).map((r) => r.id));
    return cells.filter((c) => !finished.has(c.id));
  }

  /**
   * Stores a finished cell in one transaction. Returns false, writing nothing, when the cell is
   * already finished (a result delivered twice, as a retried queue job can): no cell is stored twice.
   */
  complete(cellId: string, result: CellResult, codeVersion: string, worker: string): boolean {
    return this.guard(() => this.db.transaction(() => {
      const set = METRICS.map((m) => `${m} = @${m}`).join(", ");
      const changed = this.db.prepare(`UPDATE cells SET status = 'done', ${set}, alpha = @alpha, epochs_seen = @epochsSeen, train_seconds = @trainSeconds,
        error = NULL, code_version = @codeVersion, worker = @worker, attempts = attempts + 1, finished_at = @at WHERE id = @id AND status = 'pending'`)
        .run({ ...Object.fromEntries(METRICS.map((m) => [m, result.row[m]])), alpha: result.row.alpha, epochsSeen: result.row.epochs, trainSeconds: result.trainSeconds, codeVersion, worker, at: new Date().toISOString(), id: cellId }).changes;
      if (changed === 0) return false;
      const agent = this.db.prepare("INSERT INTO agent_regrets (cell_id, agent, agent_id, mean_regret) VALUES (?, ?, ?, ?)");
      result.agentMeanRegrets.forEach((r, k) => agent.run(cellId, k, result.agentIds[k], r));
      return true;
    })());
  }

  /**
   * Marks a cell failed, with its one-line reason: `failed` for good (training diverged), or
   * `failed-retryable` (`retryable`: a cause the operator can fix, so the next sweep reruns it).
   */
  fail(cellId: string, message: string, codeVersion: string, worker: string, retryable = false): boolean {
    return this.guard(() => this.db.prepare(`UPDATE cells SET status = ?, error = ?, code_version = ?, worker = ?, attempts = attempts + 1, finished_at = ?
      WHERE id = ? AND status = 'pending'`).run(retryable ? "failed-retryable" : "failed", message, codeVersion, worker, new Date().toISOString(), cellId).changes > 0);
  }

  /** The sweep stored, or undefined in a new database. */
  storedSweep(): ReturnType<ResultsDb["sweep"]> | undefined {
    const has = this.guard(() => this.db.prepare("SELECT 1 FROM sweep WHERE id = 1").get());
    return has ? this.sweep() : undefined;
  }

  /** The sweep's stored configuration and code version. */
  sweep(): { name: string; file: string; config: unknown; codeVersion: string; createdAt: string } {
    const row = this.guard(() => this.db.prepare("SELECT name, file, config, code_version, created_at FROM sweep WHERE id = 1").get()) as
      { name: string; file: string; config: string; code_version: string; created_at: string } | undefined;
    if (!row) throw new InputError(this.path, "holds no sweep yet");
    return { name: row.name, file: row.file, config: JSON.parse(row.config), codeVersion: row.code_version, createdAt: row.created_at };
  }

  /** Every cell, in expansion order. */
  cells(): StoredCell[] {
    const rows = this.guard(() => this.db.prepare("SELECT * FROM cells ORDER BY idx").all()) as Record<string, unknown>[];
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
    const rows = this.guard(() => this.db.prepare("SELECT cell_id, agent_id, mean_regret FROM agent_regrets ORDER BY cell_id, agent").all()) as
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
    const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CellStatus, number>;
    for (const r of this.guard(() => this.db.prepare("SELECT status, COUNT(*) AS n FROM cells GROUP BY status").all()) as { status: CellStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }

  /** Closes the database (giving back its lease, if held). */
  close(): void {
    try {
      this.release();
    } finally {
      this.db.close();
      if (this.copyDir) rmSync(this.copyDir, { recursive: true, force: true });
    }
  }
}

/** How often a lease holder says it is alive, and after how long without a word another host's lease is stale. */
const LEASE_BEAT_MS = 10_000;
const LEASE_STALE_MS = 60_000;


/** Whether a lease's holder is gone: a dead pid here (this very pid: a command of this process that ended without release), or silent for a minute elsewhere. */
function leaseStale(row: { pid: number; host: string; heartbeat_at: number }): boolean {
  if (row.host === hostname()) return row.pid === process.pid || !alive(row.pid);
  return Date.now() - row.heartbeat_at > LEASE_STALE_MS;
}

/** SQLite's error codes, said for an operator: what is wrong with the file. */
function describeSqlite(code: string, message: string): string {
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return `is damaged or not an SQLite database (${message}): restore it from a copy, or use a fresh file`;
  if (code === "SQLITE_FULL" || (code.startsWith("SQLITE_IOERR") && /full/i.test(message))) return `cannot be written: the disk is full (${message})`;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return `is locked by another process (${message}): wait for it, or stop it`;
  if (code === "SQLITE_FULL") return `is on a full disk (${message}): free some space and rerun (finished cells are kept)`;
  if (code.startsWith("SQLITE_READONLY")) return `is read-only (${message})`;
  if (code.startsWith("SQLITE_CANTOPEN")) return `cannot be opened (${message})`;
  if (code.startsWith("SQLITE_IOERR")) return `cannot be read or written (${message})`;
  return `cannot be used as a results database (${message})`;
}

/**
 * An error of SQLite (or of the file under it) as one line naming the file; any other error
 * (an InputError of ours, a bug) passes through as it is.
 */
export function databaseError(err: unknown, path: string, where: string): unknown {
  if (err instanceof InputError) return err;
  const code = (err as { code?: unknown }).code;
  if ((err as { name?: string }).name === "SqliteError" && typeof code === "string") return new InputError(where, `'${path}' ${describeSqlite(code, (err as Error).message)}`);
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return new InputError(where, `'${path}' cannot be opened (${code}: ${(err as Error).message})`);
  return err;
}

/** SQLite's file header: the first 16 bytes of every database. */
const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/**
 * Refuses, before writing anything, a file that is neither new, empty nor this framework's: not
 * SQLite at all, another application's id, or tables of another application (a clashing name included).
 */
function checkOwnFile(path: string, where: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw databaseError(err, path, where);
  }
  if (size === 0) return;
  const head = Buffer.alloc(16);
  try {
    const fd = openSync(path, "r");
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw databaseError(err, path, where);
  }
  if (!head.equals(SQLITE_MAGIC)) throw new InputError(where, `'${path}' is not an SQLite database: name a new file, or a results database of \`equitable sweep\``);
  let db: Database.Database | undefined;
  try {
    // Read-only: a rollback-journal file is read without a byte changing; a WAL one (ours) is read through its journal.
    db = new Database(path, { readonly: true, fileMustExist: true });
    const id = db.pragma("application_id", { simple: true }) as number;
    if (id === APPLICATION_ID) return;
    if (id !== 0) throw new InputError(where, `'${path}' belongs to another application (SQLite application_id ${id}): name a new file, or a results database of \`equitable sweep\``);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    const foreign = tables.filter((t) => !OWN_TABLES.has(t));
    // A file of schema version 1 (before the application id) holds these tables, with these columns.
    const ours = foreign.length === 0 && (tables.length === 0 || (hasColumns(db, "sweep", ["config", "code_version"]) && hasColumns(db, "cells", ["key", "idx", "status"])));
    if (!ours) {
      const named = (foreign.length ? foreign : tables).slice(0, 3).join(", ");
      throw new InputError(where, `'${path}' is another application's SQLite database (tables ${named}): name a new file, or a results database of \`equitable sweep\``);
    }
  } catch (err) {
    throw databaseError(err, path, where);
  } finally {
    db?.close();
  }
}

/** Whether `table` exists with each of `columns`. */
function hasColumns(db: Database.Database, table: string, columns: readonly string[]): boolean {
  const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  return columns.every((c) => have.has(c));
}

/**
 * Brings a database of an older layout to this one: columns added since, and the cells table's
 * status CHECK widened to 'failed-retryable' (SQLite cannot alter a CHECK: the table is rebuilt,
 * in one transaction, so a failure leaves the old one as it was).
 */
function migrate(db: Database.Database): void {
  const have = new Set((db.prepare("PRAGMA table_info(cells)").all() as { name: string }[]).map((c) => c.name));
  for (const [name, type] of ADDED_COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE cells ADD COLUMN ${name} ${type}`);
  if (!hasColumns(db, "sweep", ["inputs"])) db.exec("ALTER TABLE sweep ADD COLUMN inputs TEXT");
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cells'").get() as { sql: string }).sql;
  if (sql.includes("failed-retryable")) return;
  // agent_regrets refers to cells: with foreign keys on, dropping the old table would be refused.
  const keys = db.pragma("foreign_keys", { simple: true }) as number;
  db.pragma("foreign_keys = OFF");
  try {
    db.transaction(() => {
      db.exec(cellsTable("cells_next"));
      const columns = (db.prepare("PRAGMA table_info(cells)").all() as { name: string }[]).map((c) => c.name).join(", ");
      db.exec(`INSERT INTO cells_next (${columns}) SELECT ${columns} FROM cells; DROP TABLE cells; ALTER TABLE cells_next RENAME TO cells;`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${keys ? "ON" : "OFF"}`);
  }
}
