#!/usr/bin/env node
import { CommanderError } from "commander";
import { InputError } from "@equitable/core";
import { buildProgram } from "./program.js";

/** Exit codes: 0 success, 1 internal error, 2 bad input (one line on stderr, no stack trace). */
async function main(): Promise<number> {
  try {
    await buildProgram().parseAsync(process.argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof InputError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    process.stderr.write(`internal error: ${e?.message ?? String(err)}\n`);
    if (process.env.EQUITABLE_DEBUG) process.stderr.write(`${e?.stack}\n`);
    return 1;
  }
}

process.exitCode = await main();
