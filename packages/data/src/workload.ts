import { InputError } from "@equitable/core";
import { numberCell, readCsv } from "./csv.js";
import { fillGaps } from "./fill-gaps.js";

/** What the workload loader found and repaired. */
export interface WorkloadQuirks {
  /** Blank cpu_load cells, filled by linear interpolation in time. */
  readonly emptyRows: number;
}

/** An hourly CPU-load series (fraction of cluster capacity) with the repairs made to it. */
export interface WorkloadSeries {
  /** One load value per hour, oldest first. */
  readonly values: Float64Array;
  /** What the loader found and repaired. */
  readonly quirks: WorkloadQuirks;
}

/**
 * Reads an hourly cluster trace (`,cpu_load`, first column an unnamed row index, as in the Alibaba
 * and Google files). The index must step by 1 so that a dropped row cannot shift the time axis;
 * blank loads are filled by linear interpolation in time (nearest value at the ends).
 */
export function loadWorkload(file: string): WorkloadSeries {
  const table = readCsv(file, ["cpu_load"]);
  const hasIndex = table.columns[0] === "";
  const n = table.rows.length;
  const values = new Float64Array(n);
  const blank = new Uint8Array(n);
  let emptyRows = 0;
  let previousIndex: number | undefined;
  for (let i = 0; i < n; i++) {
    const { line, cells } = table.rows[i];
    if (hasIndex) {
      const index = numberCell(file, line, "index", cells[""]);
      if (index !== undefined) {
        if (previousIndex !== undefined && index !== previousIndex + 1) {
          throw new InputError(`${file}:${line}`, `column "index": ${index} does not follow ${previousIndex}`);
        }
        previousIndex = index;
      }
    }
    const load = numberCell(file, line, "cpu_load", cells.cpu_load);
    if (load === undefined) {
      blank[i] = 1;
      emptyRows++;
    } else {
      values[i] = load;
    }
  }
  if (emptyRows === n) throw new InputError(file, 'every "cpu_load" cell is empty');
  fillGaps(values, blank);
  return { values, quirks: { emptyRows } };
}
