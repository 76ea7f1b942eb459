import { Command, Option } from "commander";
import { trainingMethods } from "@equitable/core";
import { BACKENDS } from "@equitable/model";
import "@equitable/preset";
import { DEFAULT_KIND_RUNS, DEFAULT_KIND_SEED } from "@equitable/testkit";
import { oneLine } from "./one-line.js";

// Every command's module is imported when that command runs, not at every start: the sweep
// commands load vega, BullMQ and SQLite (about 1 s), the others the scenario package, the data
// loaders and the agents (≈ 0.1 s of CPU that `--help` and any other command do not need).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Action = (...args: any[]) => Promise<void>;
function lazy<M>(load: () => Promise<M>, pick: (m: M) => Action): Action {
  return async (...args: unknown[]) => pick(await load())(...args);
}

function common(cmd: Command): Command {
  return cmd
    .option("--data-dir <dir>", "directory holding the real data files (e.g. ../shared/data)")
    .option("--out <dir>", "output directory (default runs/<scenario name>)")
    .option("--seed <n>", "seed for data generation, agents, initial weights and shuffling")
    .option("--epochs <n>", "override training.epochs")
    .addOption(new Option("--backend <name>", "tfjs backend").choices(["auto", ...BACKENDS]).default("auto"))
    .addOption(new Option("--evaluation <protocol>", "per-tick regrets, or the authors' mean-forecast protocol (comparison only)").choices(["per-tick", "mean-forecast"]))
    .option("--quiet", "no progress output")
    .option("--verbose", "say which backend was chosen and why the others were skipped");
}

/** Training-route flags of `run` and `train`. */
function routes(cmd: Command): Command {
  return cmd
    .addOption(new Option("--route <route>", "chain rule where possible (auto), or every agent as a black box trained by policy gradient").choices(["auto", "policy-gradient"]))
    .addOption(new Option("--estimator <name>", "policy-gradient estimator").choices(["paper", "reinforce-baseline"]));
}

/** Flags of the commands that write an output directory. */
function writes(cmd: Command): Command {
  return cmd.option("--force", "write into an output directory that also holds files no equitable run wrote (they are kept, never replaced)");
}

/** "plain, equitable": the registered methods, for help texts (plugins a scenario names add theirs). */
function methodNames(): string {
  return trainingMethods.keys().join(", ");
}

/** The `equitable` command line (commander). */
export function buildProgram(): Command {
  const program = new Command("equitable")
    .description("Train and compare socially-equitable public models (Equitable Objective, ICML 2024)")
    .exitOverride()
    // Errors are one line (help only with --help): commander appends "(Did you mean …?)" on a
    // line of its own, and prints the whole help to stderr when no command is given.
    .configureOutput({ writeErr: () => {}, outputError: (text) => process.stderr.write(`${oneLine(text)}\n`) });
  writes(routes(common(program.command("run <scenario>"))))
    .description("train Plain PM and Equitable PM for each q of the scenario; print a Table-1 style comparison")
    .option("--seeds <list>", "replications: train every model once per seed and print mean ± 95 % CI over them")
    .option("--methods <list>", `comma list of training methods (registered: ${methodNames()}, and any a scenario's plugins add)`)
    .option("--q <list>", "comma list of the paper's q values (the exponent is q+1)")
    .option("--beta <b>", "β of the combined objective (1-β)·L^q + β·MSE")
    .action(lazy(() => import("./run-command.js"), (m) => m.runCommand));
  writes(routes(common(program.command("train <scenario>"))))
    .description("train one model")
    .option("--method <m>", `training method (registered: ${methodNames()}, and any a scenario's plugins add)`, "equitable")
    .option("--q <q>", "the paper's q (exponent q+1)")
    .option("--beta <b>", "β of the combined objective")
    .action(lazy(() => import("./run-command.js"), (m) => m.trainCommand));
  common(program.command("diagnose <scenario>"))
    .description("train Plain PM, then measure whether the agents want different forecasts (whether q has anything to trade)")
    .option("--threshold <share>", "share of regret a shared forecast may cost the agents and still count as agreement (default 0.02)")
    .action(lazy(() => import("./diagnose-command.js"), (m) => m.diagnoseCommand));
  common(program.command("evaluate <model-dir>"))
    .description("evaluate a saved model on its scenario's test split")
    .option("--json", "print the summary row as JSON (full precision, summary.json's format) instead of the table")
    .action(lazy(() => import("./evaluate-command.js"), (m) => m.evaluateCommand));
  writes(common(program.command("simulate <scenario>")))
    .description("deploy the scenario's models over its test period hour by hour: agents act with state on each forecast, regrets against the hindsight optimum; frozen, and retrained with --retrain-every")
    .option("--seeds <list>", "replications: simulate once per seed and print mean ± 95 % CI over them")
    .option("--retrain-every <hours>", "also simulate each model retrained by the operator every so many simulated hours (e.g. 168h or 7d) and swapped in")
    .option("--retrain-epochs <n>", "epochs of each retrain, on the train split plus the live rows whose truth has arrived (default 2)")
    .option("--model <dir>", "deploy this saved model (from `equitable run`) instead of training the scenario's")
    .option("--rounds <n>", "with the scenario's `feedback`: rounds of the closed loop (deploy → act → realise → retrain → redeploy), each model in the open and the closed loop; with --retrain-every, rounds walk the test period in windows of that length")
    .option("--retrain-lr <rate>", "with feedback: learning rate of every retrain of the loop (default: the scenario's)")
    .option("--tolerance <rms>", "with feedback: RMS change of successive models' forecasts (signal units) below which the loop counts as stable (default 0.05)")
    .action(lazy(() => import("./simulate-command.js"), (m) => m.simulateCommand));
  program.command("check <package-or-path>")
    .description("run the conformance checks on every agent kind and training method a package or plugin registers (fast-check properties)")
    .option("--seed <n>", `fast-check seed (default ${DEFAULT_KIND_SEED})`)
    .option("--runs <n>", `runs per check (default ${DEFAULT_KIND_RUNS}; fast-path-matches-ilp takes half)`)
    .option("--kind <type>", "only this agent kind of the package")
    .option("--method <name>", "only this training method of the package")
    .option("--check <name>", "only this check (e.g. feasible, own-context, weights-match-value)")
    .option("--path <path>", "replay a failure: fast-check's path, with the --seed, --kind or --method and --check it printed")
    .option("--timeout <seconds>", "seconds the package or plugin may take to load (default 60, at most 86400)")
    .action(lazy(() => import("./check-command.js"), (m) => m.checkCommand));
  program.command("sweep <file>")
    .description("run every cell of a sweep file (simulations/) in parallel into an SQLite results database; a rerun skips finished cells")
    .option("--db <file>", "results database (default results.db)")
    .option("--workers <n>", "worker threads (default: one per core; at most 4 per core)")
    .option("--data-dir <dir>", "directory holding the real data files (e.g. ../shared/data)")
    .addOption(new Option("--backend <name>", "tfjs backend").choices(["auto", ...BACKENDS]).default("auto"))
    .option("--queue <redis-url>", "enqueue the cells on a BullMQ queue at redis://host:port for `equitable worker` processes, and store their results as they arrive")
    .option("--queue-name <name>", "BullMQ queue name: letters, digits, '.', '_', '-' (default equitable-cells)")
    .option("--redis-wait <seconds>", "with --queue: how long Redis may stay silent before the sweep stops, cells left pending (default 30)")
    .option("--retry-failed", "rerun the cells stored failed for good (diverged trainings) too; those failed for a fixable reason always rerun")
    .option("--quiet", "no progress output")
    .action(lazy(() => import("./sweep-command.js"), (m) => m.sweepCommand as Action));
  program.command("worker")
    .description("pull sweep cells from a BullMQ queue and train them (on any machine that reaches the Redis)")
    .requiredOption("--queue <redis-url>", "the coordinator's Redis, redis://host:port (rediss:// for TLS, redis://user:password@host:port for an ACL user)")
    .option("--queue-name <name>", "BullMQ queue name: letters, digits, '.', '_', '-' (default equitable-cells)")
    .option("--plugins <list>", "comma list of the plug-ins this worker may load (paths, or packages found from here): a job naming any other is refused")
    .option("--workers <n>", "cells trained at once, one per thread (default: one per core; at most 4 per core)")
    .option("--data-dir <dir>", "this machine's directory of the real data files")
    .addOption(new Option("--backend <name>", "tfjs backend").choices(["auto", ...BACKENDS]).default("auto"))
    .option("--lock-seconds <n>", "a worker silent this long has its cell retried by another (default 30, at most 86400)")
    .option("--quiet", "no log lines")
    .action(lazy(() => import("./worker-command.js"), (m) => m.workerCommand as Action));
  writes(program.command("audit <scenario>"))
    .description("audit a published forecast as issued: every agent's regret on it, by group and horizon band with bootstrap intervals, against persistence and a perfect forecast (and a recalibration when the scenario has one)")
    .option("--data-dir <dir>", "directory holding the forecast tables (e.g. ../shared/data)")
    .option("--out <dir>", "output directory (default runs/<scenario name>)")
    .option("--seed <n>", "seed for the agents' contexts and the bootstrap")
    .option("--resamples <n>", "bootstrap resamples (default the scenario's, 1000)")
    .option("--no-recalibration", "audit only, skip the scenario's recalibration")
    .option("--quiet", "no progress output")
    .action(lazy(() => import("./audit-command.js"), (m) => m.auditCommand as Action));
  writes(program.command("report <db>"))
    .description("write a self-contained HTML report of a sweep's results database, or of an `equitable audit` output directory, and each chart as SVG")
    .option("--out <dir>", "report directory (default report/)")
    .option("--simulation <dir>", "also chart an `equitable simulate` output directory's weekly equity over time")
    .action(lazy(() => import("./report-command.js"), (m) => m.reportCommand as Action));
  return program;
}
