import cliProgress from "cli-progress";
import type { TrainingEvent } from "@equitable/trainer";

/** Reports training progress on stderr: a bar on a terminal, one line per model otherwise. */
export interface Progress {
  start(label: string, totalSteps: number): void;
  update(event: TrainingEvent): void;
  finish(message: string): void;
}

/** A progress reporter for the current stderr (quiet mode prints nothing). */
export function createProgress(quiet = false): Progress {
  if (quiet) return { start() {}, update() {}, finish() {} };
  if (!process.stderr.isTTY) {
    return {
      start: (label) => process.stderr.write(`training ${label}…\n`),
      update() {},
      finish: (message) => process.stderr.write(`${message}\n`),
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  return {
    start(label, total) {
      done = 0;
      bar = new cliProgress.SingleBar(
        { format: `${label.padEnd(24)} [{bar}] {percentage}% | epoch {epoch} | loss {loss} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { epoch: 1, loss: "-" });
    },
    update(event) {
      if (event.type === "step") bar?.update(++done, { epoch: event.epoch + 1 });
      else bar?.update(done, { loss: event.loss.toPrecision(4) });
    },
    finish(message) {
      bar?.stop();
      process.stderr.write(`${message}\n`);
    },
  };
}
