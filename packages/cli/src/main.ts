import { CommanderError } from "commander";
import { InputError } from "@equitable/core";
import { TrainingDivergedError } from "@equitable/trainer";
import { buildProgram } from "./program.js";
import { oneLine } from "./one-line.js";

/**
 * Runs `equitable <argv>` and returns its exit code: 0 success, 1 a failed `check` (its report on
 * stdout) or an internal error, 2 bad input or diverged training (one line on stderr, no stack trace).
 */
export async function main(argv: readonly string[]): Promise<number> {
  // In-process callers run several commands in one process: each starts with no code set.
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(["node", "equitable", ...argv]);
    // A command may set the code itself (a sweep that left cells pending).
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // No command at all: commander would print the whole help; one line says what is missing.
      if (err.code === "commander.help") process.stderr.write("error: missing command: run, train, evaluate, check, diagnose, simulate, sweep, report, audit or worker (`equitable --help` lists them)\n");
      return err.exitCode === 0 ? 0 : 2;
    }
    // check-command.js is loaded only when `check` runs (program.ts): match its error by name.
    if (err instanceof Error && err.name === "ChecksFailedError") return 1;
    // A diverged training is fixed in the scenario (its message names the fields), not in the code.
    if (err instanceof InputError || err instanceof TrainingDivergedError) {
      process.stderr.write(`error: ${oneLine(err.message)}\n`);
      // An input error that wraps another (a plugin's own exception) keeps its stack for debugging.
      const cause = (err as { cause?: unknown }).cause;
      if (process.env.EQUITABLE_DEBUG && cause instanceof Error) process.stderr.write(`${cause.stack}\n`);
      return 2;
    }
    const e = err as Error;
    process.stderr.write(`internal error: ${oneLine(e?.message ?? String(err))}\n`);
    if (process.env.EQUITABLE_DEBUG) process.stderr.write(`${e?.stack}\n`);
    return 1;
  }
}
