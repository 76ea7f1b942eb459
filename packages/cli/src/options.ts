import { availableParallelism } from "node:os";
import { InputError } from "@equitable/core";
import type { BackendName } from "@equitable/model";
import { parseScenario, type Scenario } from "@equitable/scenario";

/** Options shared by the commands, as commander parses them. */
export interface CommonOptions {
  dataDir?: string;
  out?: string;
  seed?: string;
  /** Comma list of replication seeds (`run` only). */
  seeds?: string;
  epochs?: string;
  methods?: string;
  q?: string;
  beta?: string;
  backend: BackendName;
  quiet?: boolean;
  /** Say which backend was chosen and why the others were skipped. */
  verbose?: boolean;
  /** Write into an output directory that also holds files no run wrote (they are kept). */
  force?: boolean;
  evaluation?: string;
  route?: string;
  estimator?: string;
}

/**
 * Parses an integer flag value in [min, max], or throws InputError naming the flag (and the limit,
 * with `why` it exists). Every integer flag goes through here, so "1e6" means 1 000 000 for all of
 * them and then meets the same bounds as "1000000" would.
 */
export function integer(flag: string, text: string, min: number, max?: { limit: number; why: string }): number {
  const v = Number(text);
  // isSafeInteger: "1e300" is an integer to JavaScript, but no count or seed, and loses precision past 2^53.
  if (text.trim() === "" || !Number.isSafeInteger(v) || v < min) throw new InputError(flag, `expected an integer ≥ ${min}, got '${text}'`);
  if (max !== undefined && v > max.limit) throw new InputError(flag, `${text}${String(v) === text.trim() ? "" : ` (${v})`} exceeds the limit of ${max.limit} (${max.why})`);
  return v;
}

/**
 * The most threads `--workers` may start: each holds its own tfjs backend and a cell's data (tens of
 * MB), and more threads than 4 per core only queue for the CPU while the memory grows.
 */
export function workerLimit(): { limit: number; why: string } {
  const cores = availableParallelism();
  return { limit: 4 * cores, why: `4 per core, this machine has ${cores}` };
}

function numbers(flag: string, text: string): number[] {
  return text.split(",").map((part) => {
    const v = Number(part.trim());
    if (part.trim() === "" || !Number.isFinite(v)) throw new InputError(flag, `'${part}' is not a number`);
    return v;
  });
}

/** Applies command-line overrides to a scenario and re-validates it (so --q -1 fails like a file would). */
export function applyOverrides(scenario: Scenario, opts: CommonOptions): Scenario {
  const next: Record<string, unknown> = { ...scenario, training: { ...scenario.training } };
  if (opts.seed !== undefined) next.seed = integer("--seed", opts.seed, 0);
  if (opts.seeds !== undefined) {
    const parts = opts.seeds.split(",").map((p) => p.trim());
    if (parts.every((p) => p === "")) throw new InputError("--seeds", "lists no seeds: give a comma list such as 1,2,3,4,5");
    next.seeds = parts.map((p) => integer("--seeds", p, 0));
  }
  if (opts.epochs !== undefined) (next.training as Record<string, unknown>).epochs = integer("--epochs", opts.epochs, 1);
  if (opts.methods !== undefined) next.methods = opts.methods.split(",").map((s) => s.trim());
  if (opts.q !== undefined) next.q = numbers("--q", opts.q);
  if (opts.beta !== undefined) {
    const betas = numbers("--beta", opts.beta);
    if (betas.length !== 1) throw new InputError("--beta", `takes one value, got ${betas.length} ('${opts.beta}')`);
    next.beta = betas[0];
  }
  if (opts.evaluation !== undefined) next.evaluation = opts.evaluation;
  if (opts.route !== undefined || opts.estimator !== undefined) {
    const training = next.training as Record<string, unknown>;
    training.policyGradient = {
      ...scenario.training.policyGradient,
      ...(opts.route !== undefined && { route: opts.route }),
      ...(opts.estimator !== undefined && { estimator: opts.estimator }),
    };
  }
  return parseScenario(next, "command line");
}
