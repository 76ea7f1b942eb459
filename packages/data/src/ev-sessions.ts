import { InputError } from "@equitable/core";
import { numberCell, readCsv } from "./csv.js";

/** Shortest charging duration kept, in hours: the paper keeps sessions that charged 3–12 h (Sec. 5.2). */
export const EV_MIN_CHARGING_HOURS = 3;
/** Longest charging duration kept, in hours (the paper's 12-slot window; also drops sessions longer than a day). */
export const EV_MAX_CHARGING_HOURS = 12;

/** Kept EV charging sessions as parallel typed arrays, oldest start first (the order agents' chunks are cut in). */
export interface EvSessions {
  /** Number of kept sessions (the length of every array). */
  readonly size: number;
  /** Session start (`start_time`), ms since the epoch, the local wall clock read as UTC. */
  readonly start: Float64Array;
  /** Charging duration `done_charge − start_time`, hours, in [3, 12]. */
  readonly hours: Float64Array;
  /** Energy delivered (`total_power`), kWh, > 0: the need D − I of Eq. 13. */
  readonly energy: Float64Array;
}

/** What the ACN session loader dropped or reordered; every data row lands in exactly one of kept / the three drop counts. */
export interface EvSessionQuirks {
  /** Data rows read from the file. */
  readonly rows: number;
  /** Sessions kept. */
  readonly kept: number;
  /** Dropped: blank `done_charge`, so no charging duration. */
  readonly missingDoneCharge: number;
  /** Dropped: charging duration outside [3, 12] h (includes the two counts below). */
  readonly durationOutOfRange: number;
  /** Of durationOutOfRange: `done_charge` before `start_time`. */
  readonly doneBeforeStart: number;
  /** Of durationOutOfRange: charging longer than 24 h. */
  readonly longerThanADay: number;
  /** Dropped: energy ≤ 0 kWh (nothing to schedule). */
  readonly nonPositiveEnergy: number;
  /** Rows whose start precedes the previous row's start; the kept sessions are sorted by start (stable). */
  readonly outOfOrder: number;
}

const SLASH_STAMP = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/;

/**
 * Parses ACN's local `YYYY/MM/DD HH:MM` to ms, read as UTC: the file has no zone, and reading it in
 * the machine's zone would make durations depend on where the code runs. Durations are wall-clock
 * differences, as the authors' pandas code computed them (a session across a DST change is off by 1 h).
 */
function slashStampCell(file: string, line: number, column: string, text: string | undefined): number {
  const trimmed = (text ?? "").trim();
  const m = SLASH_STAMP.exec(trimmed);
  if (m) {
    const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
    const ms = Date.UTC(y, mo - 1, d, h, mi);
    const back = new Date(ms);
    // Date.UTC rolls 2019/02/30 over to March; a round trip catches that.
    if (back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60) return ms;
  }
  throw new InputError(`${file}:${line}`, `column "${column}": "${trimmed}" is not a time (YYYY/MM/DD HH:MM)`);
}

/**
 * Reads ACN-Data sessions (`session_id,spaceID,start_time,done_charge,…,end_time,total_power`) into
 * {@link EvSessions}, oldest first. Rules, applied in this order and each counted in the quirks:
 * blank `done_charge` → dropped; duration done_charge − start_time outside [3, 12] h → dropped (the
 * paper keeps 3–12 h; this also drops sessions over a day and negative durations); energy ≤ 0 → dropped.
 * A malformed time or energy cell (blank included) → InputError at `file:line` naming the column;
 * nothing kept → InputError.
 */
export function loadEvSessions(file: string): { sessions: EvSessions; quirks: EvSessionQuirks } {
  const table = readCsv(file, ["start_time", "done_charge", "total_power"]);
  const n = table.rows.length;
  const start = new Float64Array(n);
  const hours = new Float64Array(n);
  const energy = new Float64Array(n);
  let kept = 0;
  let missingDoneCharge = 0;
  let durationOutOfRange = 0;
  let doneBeforeStart = 0;
  let longerThanADay = 0;
  let nonPositiveEnergy = 0;
  let outOfOrder = 0;
  let previousStart = -Infinity;
  for (const { line, cells } of table.rows) {
    const s = slashStampCell(file, line, "start_time", cells.start_time);
    if (s < previousStart) outOfOrder++;
    previousStart = s;
    const e = numberCell(file, line, "total_power", cells.total_power);
    if (e === undefined) throw new InputError(`${file}:${line}`, 'column "total_power": empty, expected the energy in kWh');
    const doneText = (cells.done_charge ?? "").trim();
    if (doneText === "") {
      missingDoneCharge++;
      continue;
    }
    const h = (slashStampCell(file, line, "done_charge", doneText) - s) / 3_600_000;
    if (!(h >= EV_MIN_CHARGING_HOURS && h <= EV_MAX_CHARGING_HOURS)) {
      durationOutOfRange++;
      if (h < 0) doneBeforeStart++;
      if (h > 24) longerThanADay++;
      continue;
    }
    if (!(e > 0)) {
      nonPositiveEnergy++;
      continue;
    }
    start[kept] = s;
    hours[kept] = h;
    energy[kept] = e;
    kept++;
  }
  if (kept === 0) {
    throw new InputError(
      file,
      `no session kept of ${n} (${missingDoneCharge} without done_charge, ${durationOutOfRange} outside ` +
        `${EV_MIN_CHARGING_HOURS}–${EV_MAX_CHARGING_HOURS} h, ${nonPositiveEnergy} with energy ≤ 0)`,
    );
  }
  const order = Uint32Array.from({ length: kept }, (_, i) => i).sort((a, b) => start[a] - start[b] || a - b);
  const sessions: EvSessions = {
    size: kept,
    start: Float64Array.from(order, (i) => start[i]),
    hours: Float64Array.from(order, (i) => hours[i]),
    energy: Float64Array.from(order, (i) => energy[i]),
  };
  return {
    sessions,
    quirks: { rows: n, kept, missingDoneCharge, durationOutOfRange, doneBeforeStart, longerThanADay, nonPositiveEnergy, outOfOrder },
  };
}
