#!/usr/bin/env node
import { main } from "./main.js";

const argv = process.argv.slice(2);
process.exitCode = await main(argv);
// `check` runs a plug-in's code, which may leave timers, sockets or a never-settled import behind:
// once its report is flushed the process ends, rather than never.
if (argv[0] === "check") {
  const code = process.exitCode;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
