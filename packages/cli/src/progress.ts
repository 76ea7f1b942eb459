import cliProgress from "cli-progress";
import type { EventSink, ExperimentEvent } from "@equitable/experiment";

/**
 * Draws an experiment's events on stderr: a bar per model on a terminal, one line per model
 * otherwise, and each data quirk once; quiet mode prints nothing.
 */
export function progressSink(quiet = false): EventSink {
  if (quiet) return () => {};
  const tty = process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  return (e: ExperimentEvent) => {
    switch (e.type) {
      case "data":
        process.stderr.write(`data: ${e.what} = ${e.count} (handled as documented in @equitable/data)\n`);
        break;
      case "job-start":
        if (!tty) {
          process.stderr.write(`training ${e.label}…\n`);
          break;
        }
        done = 0;
        bar = new cliProgress.SingleBar(
          { format: `${e.label.padEnd(24)} [{bar}] {percentage}% | epoch {epoch} | loss {loss} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(e.steps, 0, { epoch: 1, loss: "-" });
        break;
      case "training":
        if (e.event.type === "step") bar?.update(++done, { epoch: e.event.epoch + 1 });
        else bar?.update(done, { loss: e.event.loss.toPrecision(4) });
        break;
      case "job-trained":
        bar?.stop();
        bar = undefined;
        process.stderr.write(`${e.label}: ${e.epochs} epochs in ${e.trainSeconds.toFixed(1)} s, final loss ${e.lastLoss.toPrecision(4)}\n`);
        break;
      default:
        break;
    }
  };
}
