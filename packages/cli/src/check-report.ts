import { isMethodResult, type KindCheckResult, type MethodCheckResult, type PackageCheckResult } from "@equitable/testkit";

/** A word as a POSIX shell reads it back: bare when it is safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const runsOf = (n: number) => `${n} run${n === 1 ? "" : "s"}`;

/** The command that replays a failure: the same spec, kind or method, check, seed and fast-check path. */
export function replayCommand(spec: string, r: PackageCheckResult): string {
  const subject = isMethodResult(r) ? ["--method", shellWord(r.method)] : ["--kind", shellWord(r.kind)];
  const words = ["equitable", "check", shellWord(spec), ...subject, "--check", r.check, "--seed", String(r.seed)];
  if (r.failure?.path) words.push("--path", `"${r.failure.path}"`);
  return words.join(" ");
}

function formatKindResult(spec: string, r: KindCheckResult, replaying: boolean): string[] {
  if (!r.failure) return [`✓ ${r.kind}: ${r.check} (${runsOf(r.runs)}${replaying ? ", replayed" : ""})`];
  const f = r.failure;
  // No case (a missing `check`, arbitraries that cannot draw): what is wrong is all there is to say.
  if (f.counterexample.length === 0) return [`✗ ${r.kind}: ${r.check}`, `    ${f.message}`];
  const lines = [`✗ ${r.kind}: ${r.check} (failed after ${runsOf(r.runs)}, shrunk ${f.shrinks} time${f.shrinks === 1 ? "" : "s"})`, `    ${f.message}`];
  lines.push("    counterexample:", ...f.counterexample.map((l) => `      ${l}`));
  lines.push(`    seed ${r.seed}, path "${f.path}"`, `    replay: ${replayCommand(spec, r)}`);
  return lines;
}

/** A method's failure leads with one line naming the check and its replay command; what broke and the case follow. */
function formatMethodResult(spec: string, r: MethodCheckResult, replaying: boolean): string[] {
  if (!r.failure) return [`✓ method ${r.method}: ${r.check} (${runsOf(r.runs)}${replaying ? ", replayed" : ""})`];
  const f = r.failure;
  const lines = [`✗ method ${r.method}: ${r.check} failed after ${runsOf(r.runs)}; replay: ${replayCommand(spec, r)}`, `    ${f.message}`];
  if (f.counterexample.length > 0) lines.push("    counterexample:", ...f.counterexample.map((l) => `      ${l}`));
  return lines;
}

/**
 * A result as `equitable check` prints it: one line when it holds (`✓ ev: feasible (100 runs)`,
 * `✓ method cvar: deterministic (100 runs)`); otherwise what broke, the shrunk counterexample, the
 * seed and path, and the replay command.
 */
export function formatCheckResult(spec: string, r: PackageCheckResult, replaying: boolean): string[] {
  return isMethodResult(r) ? formatMethodResult(spec, r, replaying) : formatKindResult(spec, r, replaying);
}
