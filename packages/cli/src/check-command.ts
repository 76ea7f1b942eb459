import { existsSync } from "node:fs";
import path from "node:path";
import * as tf from "@equitable/core/tf";
import { InputError } from "@equitable/core";
import { selectBackend } from "@equitable/model";
import { loadPlugin } from "@equitable/scenario";
import { HOST_URL } from "@equitable/experiment";
import { checkPackage, DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED } from "@equitable/testkit";
import { formatCheckResult } from "./check-report.js";
import { integer } from "./options.js";

/** Options of `equitable check`, as commander parses them. */
export interface CheckOptions {
  seed?: string;
  runs?: string;
  kind?: string;
  method?: string;
  check?: string;
  path?: string;
  /** Seconds the plug-in may take to load (`--timeout`, default {@link DEFAULT_CHECK_TIMEOUT}). */
  timeout?: string;
}

/** Seconds a plug-in may take to load before `check` gives up on it. */
export const DEFAULT_CHECK_TIMEOUT = 60;

/** The longest --timeout: a day (a timer's delay past 2^31 ms overflows to 1 ms). */
const TIMEOUT_LIMIT = { limit: 86_400, why: "one day" };

/** A plug-in called process.exit while `check` loaded or checked it: a failure to report, never a silent exit. */
class PluginExitError extends Error {
  override readonly name = "PluginExitError";
}

/**
 * Runs `fn` with process.exit turned into an exception, and with a time limit when `seconds` is
 * given: a plug-in that exits at import would otherwise end `check` with its own code and no
 * report, and one whose top-level await never settles would leave it waiting forever.
 */
async function guarded<T>(spec: string, seconds: number | undefined, fn: () => Promise<T>): Promise<T> {
  const exit = process.exit;
  process.exit = ((code?: number) => {
    throw new PluginExitError(`called process.exit(${code ?? ""}) (a plug-in must export what it registers, not end the process)`);
  }) as typeof process.exit;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    if (seconds !== undefined) timer = setTimeout(() => reject(new InputError(spec, `plugin '${spec}' did not finish loading within ${seconds} s (--timeout ${seconds}): does its top-level await wait for something that never comes?`)), seconds * 1000);
  });
  try {
    return await Promise.race([fn(), limit]);
  } catch (err) {
    // Outside a property (a property's own exit is its failure): one line naming the plug-in.
    if (err instanceof PluginExitError) throw new InputError(spec, `plugin '${spec}' ${err.message}`);
    throw err;
  } finally {
    clearTimeout(timer);
    process.exit = exit;
  }
}

/** A check failed: its report is printed already, so the binary exits 1 with nothing more to say. */
export class ChecksFailedError extends Error {
  override readonly name = "ChecksFailedError";
}

/** The loader's name for a spec: a scenario's plugins read bare names as packages, but here an existing folder or file is meant as a path. */
function targetOf(spec: string): string {
  const pathLike = spec.startsWith(".") || path.isAbsolute(spec);
  const exists = existsSync(path.resolve(process.cwd(), spec));
  if (!pathLike && exists) return `./${spec}`;
  if (!exists && (pathLike || (spec.includes("/") && !spec.startsWith("@")))) {
    throw new InputError(spec, `no such file or folder (relative to ${process.cwd()})`);
  }
  return spec;
}

/**
 * `equitable check <package-or-path>`: loads the package or plugin as a scenario would, runs
 * testkit's `checkPackage` on every agent kind and training method it registers and prints one
 * line per check; a failure prints its shrunk case and a replay command.
 */
export async function checkCommand(spec: string, opts: CheckOptions): Promise<void> {
  const seed = opts.seed === undefined ? DEFAULT_KIND_SEED : integer("--seed", opts.seed, 0);
  const numRuns = opts.runs === undefined ? DEFAULT_KIND_RUNS : integer("--runs", opts.runs, 1);
  const timeout = opts.timeout === undefined ? DEFAULT_CHECK_TIMEOUT : integer("--timeout", opts.timeout, 1, TIMEOUT_LIMIT);
  if (opts.path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(opts.path)) throw new InputError("--path", `expected fast-check's path, numbers joined by ':' (e.g. "4:2"), got '${opts.path}'`);
    if (opts.check === undefined) throw new InputError("--path", "replays one property: give --check (and its --seed) too");
  }
  // The experiment library is the host: it depends on every shipped package a plugin may import.
  const target = targetOf(spec);
  const loaded = await guarded(spec, timeout, () => loadPlugin(target, process.cwd(), HOST_URL, spec));
  // The tensor checks need a backend; cpu is always there and exact enough. Prod mode keeps
  // tfjs's "install the node backend" banner out of the report.
  await selectBackend("cpu");
  tf.enableProdMode();
  let failed = 0;
  // The checks run the plug-in's code too: an exit there fails the property that called it. They
  // are synchronous, so no timer could stop them: the time limit is the load's.
  await guarded(spec, undefined, async () => checkPackage(spec, loaded, {
    seed, numRuns, kind: opts.kind, method: opts.method, check: opts.check, path: opts.path,
    onResult(result) {
      if (result.failure) failed++;
      process.stdout.write(`${formatCheckResult(spec, result, opts.path !== undefined).join("\n")}\n`);
    },
  }));
  if (failed > 0) throw new ChecksFailedError(`${failed} check${failed === 1 ? "" : "s"} failed`);
}
