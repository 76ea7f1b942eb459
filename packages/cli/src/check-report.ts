import type { KindCheckResult } from "@equitable/testkit";

/** A word as a POSIX shell reads it back: bare when it is safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const runsOf = (n: number) => `${n} run${n === 1 ? "" : "s"}`;

/** The command that replays a failure: the same spec, kind, check, seed and fast-check path. */
export function replayCommand(spec: string, r: KindCheckResult): string {
  const words = ["equitable", "check", shellWord(spec), "--kind", shellWord(r.kind), "--check", r.check, "--seed", String(r.seed)];
  if (r.failure?.path) words.push("--path", `"${r.failure.path}"`);
  return words.join(" ");
}

/**
 * A result as `equitable check` prints it: one line when it holds (`✓ ev: feasible (100 runs)`);
 * otherwise what broke, the shrunk counterexample, the seed and path, and the replay command.
 */
export function formatCheckResult(spec: string, r: KindCheckResult, replaying: boolean): string[] {
  if (!r.failure) return [`✓ ${r.kind}: ${r.check} (${runsOf(r.runs)}${replaying ? ", replayed" : ""})`];
  const f = r.failure;
  // No case (a missing `check`, arbitraries that cannot draw): what is wrong is all there is to say.
  if (f.counterexample.length === 0) return [`✗ ${r.kind}: ${r.check}`, `    ${f.message}`];
  const lines = [`✗ ${r.kind}: ${r.check} (failed after ${runsOf(r.runs)}, shrunk ${f.shrinks} time${f.shrinks === 1 ? "" : "s"})`, `    ${f.message}`];
  lines.push("    counterexample:", ...f.counterexample.map((l) => `      ${l}`));
  lines.push(`    seed ${r.seed}, path "${f.path}"`, `    replay: ${replayCommand(spec, r)}`);
  return lines;
}
