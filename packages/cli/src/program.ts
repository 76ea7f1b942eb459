import { Command, Option } from "commander";
import { BACKENDS } from "@equitable/model";
import { runCommand, trainCommand } from "./run-command.js";
import { evaluateCommand } from "./evaluate-command.js";

function common(cmd: Command): Command {
  return cmd
    .option("--data-dir <dir>", "directory holding the real data files (e.g. ../shared/data)")
    .option("--out <dir>", "output directory (default runs/<scenario name>)")
    .option("--seed <n>", "seed for data generation, agents, initial weights and shuffling")
    .option("--epochs <n>", "override training.epochs")
    .addOption(new Option("--backend <name>", "tfjs backend").choices(["auto", ...BACKENDS]).default("auto"))
    .addOption(new Option("--evaluation <protocol>", "per-tick regrets, or the authors' mean-forecast protocol (comparison only)").choices(["per-tick", "mean-forecast"]))
    .option("--quiet", "no progress output");
}

/** Training-route flags of `run` and `train`. */
function routes(cmd: Command): Command {
  return cmd
    .addOption(new Option("--route <route>", "chain rule where possible (auto), or every agent as a black box trained by policy gradient").choices(["auto", "policy-gradient"]))
    .addOption(new Option("--estimator <name>", "policy-gradient estimator").choices(["paper", "reinforce-baseline"]));
}

/** The `equitable` command line (commander). */
export function buildProgram(): Command {
  const program = new Command("equitable")
    .description("Train and compare socially-equitable public models (Equitable Objective, ICML 2024)")
    .showHelpAfterError()
    .exitOverride();
  routes(common(program.command("run <scenario>")))
    .description("train Plain PM and Equitable PM for each q of the scenario; print a Table-1 style comparison")
    .option("--methods <list>", "comma list of methods: plain,equitable")
    .option("--q <list>", "comma list of the paper's q values (the exponent is q+1)")
    .option("--beta <b>", "β of the combined objective (1-β)·L^q + β·MSE")
    .action(runCommand);
  routes(common(program.command("train <scenario>")))
    .description("train one model")
    .addOption(new Option("--method <m>", "objective").choices(["plain", "equitable"]).default("equitable"))
    .option("--q <q>", "the paper's q (exponent q+1)")
    .option("--beta <b>", "β of the combined objective")
    .action(trainCommand);
  common(program.command("evaluate <model-dir>"))
    .description("evaluate a saved model on its scenario's test split")
    .option("--json", "print the summary row as JSON (full precision, summary.json's format) instead of the table")
    .action(evaluateCommand);
  return program;
}
