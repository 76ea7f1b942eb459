import { existsSync } from "node:fs";
import path from "node:path";
import * as tf from "@equitable/core/tf";
import { InputError, type AgentKind } from "@equitable/core";
import { selectBackend } from "@equitable/model";
import { loadPlugin } from "@equitable/scenario";
import {
  agentKindChecks, checkAgentKind, DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED, missingCheck, type ConformanceCheck,
} from "@equitable/testkit";
import { formatCheckResult } from "./check-report.js";
import { integer } from "./options.js";

/** Options of `equitable check`, as commander parses them. */
export interface CheckOptions {
  seed?: string;
  runs?: string;
  kind?: string;
  check?: string;
  path?: string;
}

/** A check failed: its report is printed already, so the binary exits 1 with nothing more to say. */
export class ChecksFailedError extends Error {
  override readonly name = "ChecksFailedError";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = AgentKind<any>;

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

function selectedKinds(spec: string, kinds: readonly AnyKind[], opts: CheckOptions): readonly AnyKind[] {
  if (kinds.length === 0) throw new InputError(spec, "exports no agentKinds to check (only training methods or model kinds)");
  if (opts.kind === undefined) {
    if (opts.path !== undefined && kinds.length > 1) throw new InputError("--path", "replays one kind's property: give --kind too");
    return kinds;
  }
  const kind = kinds.find((k) => k.type === opts.kind);
  if (!kind) throw new InputError("--kind", `'${opts.kind}' is not a kind of ${spec} (its kinds: ${kinds.map((k) => k.type).join(", ")})`);
  return [kind];
}

function selectedChecks(kind: AnyKind, seed: number, opts: CheckOptions): ConformanceCheck[] | undefined {
  if (opts.check === undefined) return undefined;
  const known = agentKindChecks(kind, seed);
  if (!(known as string[]).includes(opts.check)) {
    throw new InputError("--check", `'${opts.check}' is not a check of kind '${kind.type}' (its checks: ${known.join(", ")})`);
  }
  return [opts.check as ConformanceCheck];
}

/**
 * `equitable check <package-or-path>`: loads the package or plugin as a scenario would, runs every
 * conformance check on every agent kind it registers (fast-check properties over the kind's own
 * arbitraries) and prints one line per check; a failure prints its shrunk case and a replay command.
 */
export async function checkCommand(spec: string, opts: CheckOptions): Promise<void> {
  const seed = opts.seed === undefined ? DEFAULT_KIND_SEED : integer("--seed", opts.seed, 0);
  const numRuns = opts.runs === undefined ? DEFAULT_KIND_RUNS : integer("--runs", opts.runs, 1);
  if (opts.path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(opts.path)) throw new InputError("--path", `expected fast-check's path, numbers joined by ':' (e.g. "4:2"), got '${opts.path}'`);
    if (opts.check === undefined) throw new InputError("--path", "replays one property: give --check (and its --seed) too");
  }
  const loaded = await loadPlugin(targetOf(spec), process.cwd(), import.meta.url, spec);
  const kinds = selectedKinds(spec, loaded.agentKinds, opts);
  const plan = kinds.map((kind) => ({ kind, checks: missingCheck(kind) ? undefined : selectedChecks(kind, seed, opts) }));
  // The tensor checks need a backend; cpu is always there and exact enough. Prod mode keeps
  // tfjs's "install the node backend" banner out of the report.
  await selectBackend("cpu");
  tf.enableProdMode();
  let failed = 0;
  for (const { kind, checks } of plan) {
    checkAgentKind(kind, {
      seed, numRuns, checks, path: opts.path,
      onResult(result) {
        if (result.failure) failed++;
        process.stdout.write(`${formatCheckResult(spec, result, opts.path !== undefined).join("\n")}\n`);
      },
    });
  }
  if (failed > 0) throw new ChecksFailedError(`${failed} check${failed === 1 ? "" : "s"} failed`);
}
