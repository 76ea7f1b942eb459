import cliProgress from "cli-progress";
import { describeCell, type SweepProgressEvent } from "@equitable/sweep";

/**
 * Draws a sweep's progress events on stderr: a bar with cells done / total and an ETA on a
 * terminal, one line per cell otherwise. `@equitable/sweep` emits the events; drawing is the CLI's.
 */
export interface SweepProgress {
  /** The listener to give the sweep (`onProgress`). */
  readonly onProgress: (event: SweepProgressEvent) => void;
  /** Ends the bar (after the sweep returned or threw). */
  stop(): void;
}

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${s} s`;
}

/**
 * A progress drawer for the current stderr (quiet: nothing). The ETA extrapolates this run's own
 * pace over the cells left (cells finished before this run, a resume, do not count towards it).
 */
export function createSweepProgress(quiet = false): SweepProgress {
  if (quiet) return { onProgress() {}, stop() {} };
  const tty = process.stderr.isTTY;
  let started = 0;
  let before = 0;
  let bar: cliProgress.SingleBar | undefined;
  const eta = (done: number, total: number) => {
    const elapsed = (performance.now() - started) / 1000;
    const finished = done - before;
    return formatDuration((elapsed / finished) * (total - done));
  };
  // The bar redraws one line: the last cell's note is cut to what the terminal leaves of it.
  const room = () => Math.max(0, (process.stderr.columns || 80) - 75);
  return {
    onProgress(event) {
      switch (event.type) {
        case "start":
          started = performance.now();
          before = event.done;
          if (!tty) {
            process.stderr.write(`sweep: ${event.total} cells, ${event.done} already in the database, ${event.total - event.done} to run\n`);
            return;
          }
          bar = new cliProgress.SingleBar(
            { format: "cells [{bar}] {value}/{total} | ETA {eta_text} | {last}", stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(event.total, event.done, { eta_text: "?", last: "" });
          return;
        case "enqueued":
          process.stderr.write(`sweep: ${event.cells} cells enqueued on ${event.queue} at ${event.url}; start workers with \`equitable worker --queue ${event.url}\`\n`);
          return;
        case "requeued":
          process.stderr.write(`sweep: ${event.cells} cell${event.cells === 1 ? "" : "s"} no longer on ${event.queue} (Redis restarted without its data?) enqueued again\n`);
          return;
        case "cell": {
          const last = `${describeCell(event.cell)}: ${event.note}`;
          if (!tty) {
            process.stderr.write(`cells ${event.done}/${event.total} · ETA ${eta(event.done, event.total)} · ${last}\n`);
            return;
          }
          bar?.update(event.done, { eta_text: eta(event.done, event.total), last: last.length > room() ? `${last.slice(0, Math.max(0, room() - 1))}…` : last });
          return;
        }
      }
    },
    stop: () => bar?.stop(),
  };
}
