import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { timedCommand, type Timing } from "./timed-command.js";

/**
 * How the `equitable` command is started: the README's own command (`./equitable`: the launcher's
 * staleness check, then the built CLI), the same through npx (`npx equitable`), the built
 * JavaScript alone (`node packages/cli/dist/bin.js`, what the package's bin runs), or the
 * TypeScript sources through tsx.
 */
export type CliStart = "readme" | "npx" | "dist" | "tsx";

const STARTS: Record<CliStart, (repoRoot: string) => { cmd: string; pre: string[]; shown: string }> = {
  readme: (r) => ({ cmd: resolve(r, "equitable"), pre: [], shown: "./equitable" }),
  npx: () => ({ cmd: "npx", pre: ["--no-install", "equitable"], shown: "npx equitable" }),
  dist: (r) => ({ cmd: process.execPath, pre: [resolve(r, "packages/cli/dist/bin.js")], shown: "node packages/cli/dist/bin.js" }),
  tsx: (r) => ({ cmd: resolve(r, "node_modules/.bin/tsx"), pre: ["--conditions=@equitable/source", resolve(r, "packages/cli/src/bin.ts")], shown: "tsx packages/cli/src/bin.ts" }),
};

export const CLI_STARTS = Object.keys(STARTS) as CliStart[];

/** One timed `equitable run` with what its run.json says about training. */
export interface OurTiming extends Timing {
  /** The command line, for the report. */
  commandLine: string;
  trainSeconds: number;
  secondsPerEpoch: number[];
  tensorsPerEpoch: number[];
  lossPerEpoch: number[];
}

const SCENARIO = "datacenter-similar-agents-different-lambda";

/**
 * Runs the whole `equitable run` of the issue's setting: the data-centre "similar agents,
 * different λ" scenario restricted to one Equitable PM (q + 1 = 1.5) and no warm start, as the
 * authors' script trains it. Only training.warmStart has no flag: the scenario file is copied
 * with it off; everything else is the command line's.
 */
export async function runOurs(repoRoot: string, epochs: number, dataDir: string, start: CliStart): Promise<OurTiming> {
  const dir = mkdtempSync(join(tmpdir(), "equitable-bench-"));
  try {
    const scenario = JSON.parse(readFileSync(resolve(repoRoot, `scenarios/${SCENARIO}.json`), "utf8")) as { training: Record<string, unknown> };
    scenario.training.warmStart = false;
    const file = join(dir, `${SCENARIO}.json`);
    writeFileSync(file, JSON.stringify(scenario));
    const out = join(dir, "out");
    const args = ["run", file, "--methods", "equitable", "--q", "0.5", "--epochs", String(epochs), "--data-dir", dataDir, "--out", out, "--quiet"];
    const { cmd, pre, shown } = STARTS[start](repoRoot);
    const t = await timedCommand(cmd, [...pre, ...args], { cwd: repoRoot });
    if (t.code !== 0) throw new Error(`equitable run failed (exit ${t.code}): ${t.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as {
      models: { trainSeconds: number; secondsPerEpoch: number[]; tensorsPerEpoch: number[]; lossPerEpoch: number[] }[];
    };
    const m = run.models[0];
    const commandLine = `${shown} ${args.join(" ").replaceAll(dir, "$TMP")}`;
    return { ...t, commandLine, trainSeconds: m.trainSeconds, secondsPerEpoch: m.secondsPerEpoch, tensorsPerEpoch: m.tensorsPerEpoch, lossPerEpoch: m.lossPerEpoch };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
