import cliProgress from "cli-progress";
import type { CellSpec } from "./cell.js";

/** Cells done / total and an ETA on stderr: a bar on a terminal, one line per cell otherwise. */
export interface SweepProgress {
  cellFinished(cell: CellSpec, outcome: string): void;
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

/** A one-line description of a cell for progress and logs. */
export function describeCell(cell: CellSpec): string {
  const params = Object.entries(cell.params).map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(" ");
  return `${cell.scenarioName} ${cell.label} seed ${cell.seed}${params ? ` ${params}` : ""}`;
}

/**
 * A progress reporter for `total` cells of which `done` are already in the database (a resume).
 * The ETA extrapolates this run's own pace over the cells left.
 */
export function createSweepProgress(total: number, done: number, quiet = false): SweepProgress {
  if (quiet) return { cellFinished() {}, stop() {} };
  const started = performance.now();
  let finished = 0;
  const eta = () => {
    const elapsed = (performance.now() - started) / 1000;
    return formatDuration((elapsed / finished) * (total - done - finished));
  };
  if (!process.stderr.isTTY) {
    process.stderr.write(`sweep: ${total} cells, ${done} already in the database, ${total - done} to run\n`);
    return {
      cellFinished(cell, outcome) {
        finished++;
        process.stderr.write(`cells ${done + finished}/${total} · ETA ${eta()} · ${describeCell(cell)}: ${outcome}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: "cells [{bar}] {value}/{total} | ETA {eta_text} | {last}", stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, done, { eta_text: "?", last: "" });
  // The bar redraws one line: the last cell's note is cut to what the terminal leaves of it.
  const room = () => Math.max(0, (process.stderr.columns || 80) - 75);
  return {
    cellFinished(cell, outcome) {
      finished++;
      const last = `${describeCell(cell)}: ${outcome}`;
      bar.update(done + finished, { eta_text: eta(), last: last.length > room() ? `${last.slice(0, Math.max(0, room() - 1))}…` : last });
    },
    stop: () => bar.stop(),
  };
}
