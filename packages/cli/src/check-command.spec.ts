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

  it("refuses a module exporting nothing, and options that name nothing it has", async () => {
    cwd();
    const refused = async (spec: string, opts: Record<string, string>) => {
      const err = await checkCommand(spec, opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      return (err as InputError).message;
    };
    expect(await refused(fixture("exports-nothing"), {})).toMatch(/exports-nothing: plugin '.*exports-nothing' \(.*index.ts\) exports no agentKinds, trainingMethods or modelKinds$/);
    expect(await refused("packages/agents-ev", { check: "gradient" })).toMatch(/^--check: 'gradient' is not a check of kind 'ev' \(its checks: arbitraries, /);
    expect(await refused("packages/agents-ev", { kind: "phone" })).toBe("--kind: 'phone' is not a kind of packages/agents-ev (its kinds: ev)");
    expect(await refused("packages/agents-ev", { path: "4:2" })).toMatch(/^--path: replays one property: give --check/);
    expect(await refused("packages/agents-ev", { check: "feasible", path: "4;2" })).toMatch(/^--path: expected fast-check's path/);
    expect(await refused("packages/agents-ev", { runs: "0" })).toMatch(/^--runs: expected an integer ≥ 1/);
  });
});
