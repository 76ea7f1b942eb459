// Shared by the CLI specs only (not exported from index.ts): tiny scenarios and data files in a
// temporary directory, and a way to run the real `equitable` binary on them.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";
import { InputError } from "@equitable/core";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository's root (scenarios/ lives here). */
export const repoRoot = path.resolve(here, "../../..");
const binPath = path.join(here, "bin.ts");
// An absolute URL: `--import tsx` alone resolves from the child's cwd, a temp dir without node_modules.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** What one CLI run printed and returned. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `equitable <args>` in a child process (TypeScript sources through tsx), in `cwd`, with
 * `extraEnv` added to the environment.
 * Asynchronous on purpose: a synchronous spawn blocks this vitest worker's event loop for the
 * whole run, and on a busy machine its RPC to the main process ("onTaskUpdate") times out.
 */
export function runCli(args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  delete env.EQUITABLE_DEBUG; // its stack traces would break the one-line contract being tested
  Object.assign(env, extraEnv); // …unless a spec asks for them
  const argv = ["--import", tsxLoader, "--conditions=@equitable/source", binPath, ...args];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, argv, { cwd, env, encoding: "utf8", timeout: 90_000 }, (err, stdout, stderr) => {
      if (err === null) resolve({ status: 0, stdout, stderr });
      // A numeric code is the CLI's own exit status; anything else (spawn failure, timeout, signal) is the spec's error.
      else if (typeof err.code === "number" && !err.killed) resolve({ status: err.code, stdout, stderr });
      else reject(err);
    });
  });
}

/**
 * Runs `equitable <args>` in this process (the CLI's own `main`, exit codes and one-line errors
 * included), capturing what it writes: for specs of what a command computes, where spawning the
 * binary would only add its start-up (about 1 s a spawn). `cwd` is entered for the run and left after.
 */
export function runInProcess(args: readonly string[], cwd?: string): Promise<CliResult> {
  // One at a time: each run owns the process's stdout, stderr and working directory while it runs.
  const run = inProcessQueue.then(() => runInProcessNow(args, cwd));
  inProcessQueue = run.then(() => {}, () => {});
  return run;
}

let inProcessQueue: Promise<void> = Promise.resolve();

async function runInProcessNow(args: readonly string[], cwd?: string): Promise<CliResult> {
  const { main } = await import("./main.js");
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const debug = process.env.EQUITABLE_DEBUG;
  delete process.env.EQUITABLE_DEBUG;
  const here = process.cwd();
  if (cwd !== undefined) process.chdir(cwd);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    process.chdir(here);
    if (debug !== undefined) process.env.EQUITABLE_DEBUG = debug;
  }
}

/**
 * Starts `equitable <args>` in a child process without waiting for it (to run two at once, or to
 * kill one mid-run); {@link cliExit} collects what it printed.
 */
export function startCli(args: readonly string[], cwd: string): ChildProcessWithoutNullStreams {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  delete env.EQUITABLE_DEBUG;
  return spawn(process.execPath, ["--import", tsxLoader, "--conditions=@equitable/source", binPath, ...args], { cwd, env });
}

/** What a child started by {@link startCli} printed, once it has exited (status null: killed by a signal). */
export function cliExit(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `equitable-cli-${prefix}-`));
}

/** The experiment specs' tiny scenario (trains in about a second): one definition for both packages. */
export { tinyScenario } from "../../experiment/src/spec-fixtures.js";

/**
 * An ACN-format EV sessions CSV: `sessions` sessions of 3–8 h charging and 5–20 kWh, one every
 * 3 hours; `energy` overrides the energy cell of chosen sessions (e.g. "NaN", "-4").
 */
export function evSessionsCsv(sessions: number, energy: Record<number, string> = {}): string {
  const time = (ms: number) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  const lines = ["session_id,spaceID,start_time,done_charge,stationID,siteID,clusterID,end_time,total_power"];
  for (let i = 0; i < sessions; i++) {
    const start = Date.UTC(2019, 0, 1) + i * 3 * 3_600_000;
    const hours = 3 + (i % 6);
    const done = start + hours * 3_600_000;
    lines.push(`s${i},CA-1,${time(start)},${time(done)},st,0002,0039,${time(done + 3_600_000)},${energy[i] ?? String(5 + ((i * 7) % 16))}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Writes `value` as JSON to dir/name and returns the path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/** Writes text to dir/name (creating folders) and returns the path. */
export function writeText(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const pad = (n: number) => String(n).padStart(2, "0");
const stamp = (d: Date, seconds: boolean) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` +
  (seconds ? `:${pad(d.getUTCSeconds())}` : "");

/**
 * An EIA fuel-mix CSV in the real files' format, hourly from 2022-01-01 00:00 UTC; hour h is on
 * file line h + 2. `badCell` puts "abc" in the NG column of that hour; `emptyHour` blanks that hour.
 */
export function fuelMixCsv(hours: number, opts: { badCell?: number; emptyHour?: number } = {}): string {
  const lines = ["timestamp,WND,SUN,WAT,OIL,NG,COL,NUC,OTH,avg_CI"];
  const start = Date.UTC(2022, 0, 1);
  for (let h = 0; h < hours; h++) {
    const t = `${stamp(new Date(start + h * 3_600_000), true)}+00:00`;
    if (h === opts.emptyHour) {
      lines.push(`${t},,,,,,,,,`);
      continue;
    }
    const sun = Math.max(0, 4000 * Math.sin(((h % 24) - 6) * (Math.PI / 12)));
    const wind = 2000 + 1500 * Math.sin(h / 17);
    const gas = h === opts.badCell ? "abc" : (9000 - sun / 2 + 500 * Math.cos(h / 5)).toFixed(1);
    lines.push(`${t},${wind.toFixed(1)},${sun.toFixed(1)},2300.0,40.0,${gas},19.0,2265.0,189.0,222.2`);
  }
  return `${lines.join("\n")}\n`;
}

/** An Azure Functions demand CSV (`Time,Demand`), half-hourly from 2019-01-01 00:00. */
export function azureCsv(hours: number): string {
  const lines = ["Time,Demand"];
  const start = Date.UTC(2019, 0, 1);
  for (let k = 0; k < 2 * hours; k++) {
    const demand = 90_000 + 20_000 * Math.sin((k / 48) * 2 * Math.PI) + 3_000 * Math.cos(k / 7);
    lines.push(`${stamp(new Date(start + k * 1_800_000), false)},${demand.toFixed(3)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The InputError `fn` throws (fails the test when it throws nothing or something else). */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError, nothing was thrown");
}
