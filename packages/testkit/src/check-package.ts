import { InputError, type AgentKind, type TrainingMethod } from "@equitable/core";
import { agentKindChecks, checkAgentKind } from "./check-agent-kind.js";
import { checkTrainingMethod, trainingMethodChecks } from "./check-training-method.js";
import type { ConformanceCheck } from "./conformance-failure.js";
import type { KindCheckResult } from "./kind-check-result.js";
import { DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED } from "./kind-check-options.js";
import type { MethodCheckResult } from "./method-check-options.js";
import { missingCheck } from "./missing-check.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = AgentKind<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMethod = TrainingMethod<any>;

/** What a package or plugin registers, as `loadPlugin` returns it. */
export interface PackageContents {
  readonly agentKinds: readonly AnyKind[];
  readonly trainingMethods: readonly AnyMethod[];
}

/** One property's outcome: of an agent kind (`kind`) or of a training method (`method`). */
export type PackageCheckResult = KindCheckResult | MethodCheckResult;

/** Options of {@link checkPackage}: `equitable check`'s flags, which its errors name. */
export interface PackageCheckOptions {
  readonly seed?: number;
  readonly numRuns?: number;
  /** Only this agent kind (`--kind`). */
  readonly kind?: string;
  /** Only this training method (`--method`). */
  readonly method?: string;
  /** Only this check (`--check`), on every selected kind or method that has it. */
  readonly check?: string;
  /** A fast-check path to replay (`--path`): one check of one kind or method. */
  readonly path?: string;
  /** Called as each property finishes. */
  onResult?(result: PackageCheckResult): void;
}

/** Whether a result is a training method's. */
export function isMethodResult(r: PackageCheckResult): r is MethodCheckResult {
  return "method" in r;
}

type Subject = { kind: AnyKind; checks?: ConformanceCheck[] } | { method: AnyMethod; checks?: ConformanceCheck[] };

const nameOf = (s: Subject) => ("kind" in s ? `kind '${s.kind.type}'` : `method '${s.method.name}'`);

/** The kinds and methods the options select, each with its checks; an InputError naming the flag when they select nothing that exists. */
function plan(spec: string, contents: PackageContents, o: PackageCheckOptions): Subject[] {
  const { agentKinds: kinds, trainingMethods: methods } = contents;
  if (kinds.length === 0 && methods.length === 0) throw new InputError(spec, "exports no agentKinds or trainingMethods to check");
  if (o.kind !== undefined && o.method !== undefined) throw new InputError("--method", "checks one method; give --kind or --method, not both");
  let subjects: Subject[];
  if (o.kind !== undefined) {
    const kind = kinds.find((k) => k.type === o.kind);
    if (!kind) throw new InputError("--kind", `'${o.kind}' is not a kind of ${spec} (its kinds: ${kinds.map((k) => k.type).join(", ") || "none"})`);
    subjects = [{ kind }];
  } else if (o.method !== undefined) {
    const method = methods.find((m) => m.name === o.method);
    if (!method) throw new InputError("--method", `'${o.method}' is not a training method of ${spec} (its methods: ${methods.map((m) => m.name).join(", ") || "none"})`);
    subjects = [{ method }];
  } else {
    subjects = [...kinds.map((kind) => ({ kind })), ...methods.map((method) => ({ method }))];
  }
  if (o.path !== undefined && subjects.length > 1) throw new InputError("--path", "replays one kind's or method's property: give --kind or --method too");
  if (o.check === undefined) return subjects;
  const check = o.check as ConformanceCheck;
  // A kind without `check` stays in: its run reports what it lacks.
  const checksOf = (s: Subject): ConformanceCheck[] | undefined =>
    "kind" in s ? (missingCheck(s.kind) ? undefined : agentKindChecks(s.kind, o.seed ?? DEFAULT_KIND_SEED)) : trainingMethodChecks(s.method);
  const having = subjects.filter((s) => checksOf(s)?.includes(check) ?? true);
  if (having.length === 0) {
    const which = subjects.length === 1 ? `${nameOf(subjects[0])} (its checks: ${checksOf(subjects[0])!.join(", ")})` : `any kind or method of ${spec}`;
    throw new InputError("--check", `'${o.check}' is not a check of ${which}`);
  }
  return having.map((s) => ({ ...s, checks: "kind" in s && missingCheck(s.kind) ? undefined : [check] }));
}

/**
 * `equitable check` as a library: runs the conformance checks of every agent kind and training
 * method a package registers (or the one `kind`/`method` and `check` selected) and returns every
 * result; `onResult` sees each as it finishes. Selections that name nothing are InputErrors
 * naming the flag, thrown before any check runs. Tensor checks need a tfjs backend set.
 */
export function checkPackage(spec: string, contents: PackageContents, options: PackageCheckOptions = {}): PackageCheckResult[] {
  const subjects = plan(spec, contents, options);
  const common = { seed: options.seed ?? DEFAULT_KIND_SEED, numRuns: options.numRuns ?? DEFAULT_KIND_RUNS, path: options.path, onResult: options.onResult };
  const results: PackageCheckResult[] = [];
  for (const s of subjects) {
    if ("kind" in s) results.push(...checkAgentKind(s.kind, { ...common, checks: s.checks }));
    else results.push(...checkTrainingMethod(s.method, { ...common, checks: s.checks }));
  }
  return results;
}
