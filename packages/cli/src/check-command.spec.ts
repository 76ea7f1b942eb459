import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "@equitable/core";
import { checkCommand, ChecksFailedError } from "./check-command.js";
import { repoRoot, type CliResult } from "./spec-fixtures.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const binPath = path.join(here, "bin.ts");
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const fixture = (name: string) => path.relative(repoRoot, path.join(here, "spec-fixtures", name));

/** Runs `equitable <args>` from the repository root in a child process, without blocking the others. */
function equitable(args: readonly string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  delete env.EQUITABLE_DEBUG;
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", tsxLoader, "--conditions=@equitable/source", binPath, ...args], { cwd: repoRoot, env, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = (err as { code?: unknown } | null)?.code;
      resolve({ status: err ? (typeof code === "number" ? code : null) : 0, stdout, stderr });
    });
  });
}

/** The printed report of one failed check: from its ✗ line to the next check's line. */
function block(stdout: string, kind: string, check: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`✗ ${kind}: ${check} `));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^[✓✗] /.test(l));
  return lines.slice(start, end < 0 ? undefined : end).filter((l) => l !== "");
}

/** The arguments of a printed replay command (`replay: equitable check … --path "…"`). */
function replayArgs(report: readonly string[]): string[] {
  const line = report.find((l) => l.trimStart().startsWith("replay: equitable "));
  if (!line) throw new Error(`no replay command in:\n${report.join("\n")}`);
  return line.trim().slice("replay: equitable ".length).split(" ").map((w) => w.replace(/^"(.*)"$/, "$1"));
}

describe("equitable check on the built-in agent packages", () => {
  it("exits 0 with one ✓ line per check", async () => {
    const runs = await Promise.all(["datacenter", "ev", "phone"].map((k) => equitable(["check", `packages/agents-${k}`])));
    for (const r of runs) {
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      for (const line of r.stdout.trim().split("\n")) expect(line).toMatch(/^✓ [a-z]+: [a-z-]+ \(\d+ runs\)$/);
    }
    const [dc, ev, phone] = runs.map((r) => r.stdout);
    expect(dc).toContain("✓ datacenter: non-negative (100 runs)\n");
    expect(dc).toContain("✓ datacenter: gradient (100 runs)\n");
    expect(ev).toContain("✓ ev: fast-path-matches-ilp (50 runs)\n");
    expect(phone).toContain("✓ phone: feasible (100 runs)\n");
  });
});

// Each broken plugin must fail its check with a shrunk case, and the printed command must replay it.
describe.concurrent("equitable check on broken plugins", () => {
  const cases = [
    { dir: "broken-infeasible", kind: "late-ev", check: "feasible", says: /^ {4}sample 0, agent late-ev-0: the decision on the \w+, \[[01, ]+\], is infeasible: it charges/ },
    { dir: "broken-fast-path", kind: "first-slots-phone", check: "fast-path-matches-ilp", says: /the fast path's \[.*\] costs .* under the forecast, the ILP's \[.*\] costs / },
    { dir: "broken-negative-regret", kind: "signed-datacenter", check: "non-negative", says: /agent signed-datacenter-0: regret -\S+ < 0$/ },
    { dir: "broken-reads-agent-zero", kind: "agent-zero-ev", check: "own-context", says: /agent agent-zero-ev-1: regret moved from .* when only agent agent-zero-ev-0's ξ changed$/ },
  ];

  it.each(cases)("$dir fails $check, and its replay command fails the same way", async ({ dir, kind, check, says }) => {
    const spec = fixture(dir);
    const first = await equitable(["check", spec]);
    expect(first.status).toBe(1);
    expect(first.stderr).toBe("");
    const report = block(first.stdout, kind, check);
    expect(report[1]).toMatch(says);
    expect(report).toContain("    counterexample:");
    expect(report).toContainEqual(expect.stringMatching(/^ {6}group: \{"type":"[a-z-]+","count":\d,/));
    expect(report).toContainEqual(expect.stringMatching(new RegExp(`^ {8}${kind}-0: ξ \\[`)));
    const args = replayArgs(report);
    expect(args.slice(0, 6)).toEqual(["check", spec, "--kind", kind, "--check", check]);

    const replay = await equitable(args);
    expect(replay.status).toBe(1);
    const again = block(replay.stdout, kind, check);
    // The same case, message, seed and path; only the header's run and shrink counts differ.
    expect(again.slice(1)).toEqual(report.slice(1));
    expect(replay.stdout.match(/^[✓✗] /gm)).toHaveLength(1);
  });

  it("exits 2 with one line for a path that does not exist", async () => {
    const r = await equitable(["check", "packages/no-such-package"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: packages\/no-such-package: no such file or folder \(relative to .*\)\n$/);
  });
});

describe("equitable check on a methods-only plugin", () => {
  it("fails a method whose weights are not value's derivative: exit 1, one line naming the check and its replay command", async () => {
    const spec = fixture("broken-method-weights");
    const r = await equitable(["check", spec]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "✓ method forgetful-power: options-name-field (100 runs)",
      "✓ method forgetful-power: deterministic (100 runs)",
      "✓ method forgetful-power: tensor-loss-matches-value (100 runs)",
    ]);
    const failed = lines.filter((l) => l.startsWith("✗"));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(new RegExp(`^✗ method forgetful-power: weights-match-value failed after \\d+ runs?; replay: equitable check ${spec} --method forgetful-power --check weights-match-value --seed 1 --path "[\\d:]+"$`));
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}agent \d+: weights gives \S+, the central difference of value \S+ /));
    expect(lines).toContainEqual(expect.stringMatching(/^ {6}objective: \{"method":"forgetful-power","p":\d+\}$/));
  });
});

describe("checkCommand in process", () => {
  const out: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
  });
  const capture = () => vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  const cwd = () => vi.spyOn(process, "cwd").mockReturnValue(repoRoot);

  it("says what a kind without `check` is missing, and fails", async () => {
    capture();
    cwd();
    await expect(checkCommand(fixture("no-check"), {})).rejects.toThrow(ChecksFailedError);
    expect(out.join("")).toMatch(/^✗ unchecked-datacenter: arbitraries\n {4}agent kind 'unchecked-datacenter' exports no `check`: add check: \{ group: Arbitrary<Group>/);
  });

  it("passes a conforming methods-only plugin, and replays a method's failure from its printed command", async () => {
    capture();
    cwd();
    await checkCommand(fixture("good-method"), { runs: "20" });
    expect(out.join("").trim().split("\n")).toEqual(["options-name-field", "deterministic", "tensor-loss-matches-value", "weights-match-value"]
      .map((c) => `✓ method mean-power: ${c} (20 runs)`));
    out.length = 0;
    await expect(checkCommand(fixture("broken-method-weights"), { runs: "20" })).rejects.toThrow(ChecksFailedError);
    const report = out.join("").split("\n");
    const args = replayArgs([report.find((l) => l.startsWith("✗"))!.replace(/^.*; (replay: )/, "    $1")]);
    expect(args.slice(0, 6)).toEqual(["check", fixture("broken-method-weights"), "--method", "forgetful-power", "--check", "weights-match-value"]);
    out.length = 0;
    const opts = { method: args[3], check: args[5], seed: args[7], path: args[9] };
    await expect(checkCommand(args[1], opts)).rejects.toThrow(ChecksFailedError);
    const again = out.join("").split("\n");
    expect(again[0]).toMatch(/^✗ method forgetful-power: weights-match-value failed after 1 run; replay: /);
    // The same case and message: only the header's run count differs.
    expect(again.slice(1)).toEqual(report.slice(report.findIndex((l) => l.startsWith("✗")) + 1));
  });

  it("runs a kind's and a method's checks for a plugin with both, and --method selects the method's alone", async () => {
    capture();
    cwd();
    await checkCommand(fixture("kinds-and-methods"), { runs: "3" });
    const lines = out.join("").trim().split("\n");
    expect(lines).toContain("✓ datacenter: gradient (3 runs)");
    expect(lines).toContain("✓ method mean-power: weights-match-value (3 runs)");
    expect(lines.every((l) => l.startsWith("✓ "))).toBe(true);
    out.length = 0;
    await checkCommand(fixture("kinds-and-methods"), { runs: "3", method: "mean-power", check: "deterministic" });
    expect(out.join("")).toBe("✓ method mean-power: deterministic (3 runs)\n");
  });

  it("refuses a module exporting nothing, and options that name nothing it has", async () => {
    cwd();
    const refused = async (spec: string, opts: Record<string, string>) => {
      const err = await checkCommand(spec, opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      return (err as InputError).message;
    };
    expect(await refused(fixture("exports-nothing"), {})).toMatch(/exports-nothing: plugin '.*exports-nothing' \(.*index.ts\) exports no agentKinds, trainingMethods, modelKinds or responseModels$/);
    expect(await refused("packages/agents-ev", { check: "gradient" })).toMatch(/^--check: 'gradient' is not a check of kind 'ev' \(its checks: arbitraries, /);
    expect(await refused("packages/agents-ev", { kind: "phone" })).toBe("--kind: 'phone' is not a kind of packages/agents-ev (its kinds: ev)");
    expect(await refused("packages/agents-ev", { path: "4:2" })).toMatch(/^--path: replays one property: give --check/);
    expect(await refused("packages/agents-ev", { check: "feasible", path: "4;2" })).toMatch(/^--path: expected fast-check's path/);
    expect(await refused("packages/agents-ev", { runs: "0" })).toMatch(/^--runs: expected an integer ≥ 1/);
    expect(await refused(fixture("good-method"), { method: "smooth-max" })).toMatch(/^--method: 'smooth-max' is not a training method of .*good-method \(its methods: mean-power\)$/);
    expect(await refused(fixture("good-method"), { check: "feasible" })).toBe("--check: 'feasible' is not a check of method 'mean-power' (its checks: options-name-field, deterministic, tensor-loss-matches-value, weights-match-value)");
    expect(await refused(fixture("kinds-and-methods"), { check: "weights-match-value", path: "1:2" })).toMatch(/^--path: replays one kind's or method's property: give --kind or --method too$/);
    expect(await refused(fixture("kinds-and-methods"), { kind: "datacenter", method: "mean-power" })).toMatch(/^--method: checks one method; give --kind or --method, not both$/);
  });
});
