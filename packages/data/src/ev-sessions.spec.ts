import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { itSharedData, sharedDataDir } from "../../../test-support/shared-data.js";
import { EV_MAX_CHARGING_HOURS, EV_MIN_CHARGING_HOURS, loadEvSessions } from "./ev-sessions.js";

const acn = path.join(sharedDataDir, "ev", "acn-caltech-sessions-2018-2021.csv");
const HEADER = "session_id,spaceID,start_time,done_charge,stationID,siteID,clusterID,end_time,total_power";

function tmpCsv(rows: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-ev-")), "sessions.csv");
  writeFileSync(file, `${[HEADER, ...rows].join("\n")}\n`);
  return file;
}

/** One session row: only start, done and energy matter to the loader. */
function row(start: string, done: string, energy: string): string {
  return `id,CA-1,${start},${done},2-39-1,0002,0039,${start},${energy}`;
}

describe("loadEvSessions", () => {
  itSharedData("reads the real ACN Caltech file: 2055 without done_charge, 9660 kept, all 3–12 h", () => {
    const { sessions, quirks } = loadEvSessions(acn);
    expect(quirks).toEqual({
      rows: 31424,
      kept: 9660,
      missingDoneCharge: 2055,
      durationOutOfRange: 19709,
      doneBeforeStart: 24,
      longerThanADay: 54,
      nonPositiveEnergy: 0,
      outOfOrder: 2,
    });
    expect(quirks.kept + quirks.missingDoneCharge + quirks.durationOutOfRange + quirks.nonPositiveEnergy).toBe(quirks.rows);
    expect(sessions.size).toBe(9660);
    for (const a of [sessions.start, sessions.hours, sessions.energy]) expect(a.length).toBe(9660);
    let badHours = 0;
    let badEnergy = 0;
    let unsorted = 0;
    for (let i = 0; i < sessions.size; i++) {
      if (!(sessions.hours[i] >= 3 && sessions.hours[i] <= 12)) badHours++;
      if (!(sessions.energy[i] > 0)) badEnergy++;
      if (i > 0 && sessions.start[i] < sessions.start[i - 1]) unsorted++;
    }
    expect({ badHours, badEnergy, unsorted }).toEqual({ badHours: 0, badEnergy: 0, unsorted: 0 });
    expect(Math.min(...sessions.hours)).toBe(3);
    expect(Math.max(...sessions.hours)).toBe(12);
    // Line 3: 2018/04/25 06:45 → 09:44, 10.013 kWh: 2.98 h, dropped. The first kept session starts later that day.
    expect(new Date(sessions.start[0]).toISOString().slice(0, 10)).toBe("2018-04-25");
  });

  it("applies the rules in order and counts each drop", () => {
    const file = tmpCsv([
      row("2020/01/01 10:00", "2020/01/01 14:30", "12.5"), // kept, 4.5 h
      row("2020/01/01 08:00", "", "7"), // no done_charge
      row("2020/01/01 09:00", "2020/01/01 11:59", "7"), // 2.98 h
      row("2020/01/01 09:00", "2020/01/01 21:00", "30"), // exactly 12 h: kept
      row("2020/01/02 09:00", "2020/01/01 09:00", "7"), // negative
      row("2020/01/02 09:00", "2020/01/04 09:00", "7"), // 48 h
      row("2020/01/02 09:00", "2020/01/02 13:00", "0"), // no energy
      row("2020/01/03 00:00", "2020/01/03 03:00", "3"), // exactly 3 h: kept
    ]);
    const { sessions, quirks } = loadEvSessions(file);
    expect(quirks).toEqual({
      rows: 8,
      kept: 3,
      missingDoneCharge: 1,
      durationOutOfRange: 3,
      doneBeforeStart: 1,
      longerThanADay: 1,
      nonPositiveEnergy: 1,
      outOfOrder: 1,
    });
    // Sorted by start: 09:00 (12 h) before 10:00 (4.5 h).
    expect(Array.from(sessions.hours)).toEqual([12, 4.5, 3]);
    expect(Array.from(sessions.energy)).toEqual([30, 12.5, 3]);
    expect(sessions.start[0]).toBe(Date.UTC(2020, 0, 1, 9));
    expect(EV_MIN_CHARGING_HOURS).toBe(3);
    expect(EV_MAX_CHARGING_HOURS).toBe(12);
  });

  it("names file:line and column for a malformed time or energy", () => {
    const badStart = tmpCsv([row("2020/01/01 10:00", "2020/01/01 14:00", "1"), row("2020-01-01 10:00", "2020/01/01 14:00", "1")]);
    expect(() => loadEvSessions(badStart)).toThrow(InputError);
    expect(() => loadEvSessions(badStart)).toThrow(`${badStart}:3: column "start_time"`);
    const badDone = tmpCsv([row("2020/01/01 10:00", "2020/02/30 14:00", "1")]);
    expect(() => loadEvSessions(badDone)).toThrow(`${badDone}:2: column "done_charge"`);
    const badEnergy = tmpCsv([row("2020/01/01 10:00", "2020/01/01 14:00", "lots")]);
    expect(() => loadEvSessions(badEnergy)).toThrow(`${badEnergy}:2: column "total_power"`);
    // Even on a row that would be dropped, a malformed energy is an error, not a drop.
    const blankEnergy = tmpCsv([row("2020/01/01 10:00", "", "")]);
    expect(() => loadEvSessions(blankEnergy)).toThrow(`${blankEnergy}:2: column "total_power"`);
  });

  it("rejects a file where nothing survives, and a missing column", () => {
    const none = tmpCsv([row("2020/01/01 10:00", "", "1"), row("2020/01/01 10:00", "2020/01/01 11:00", "1")]);
    expect(() => loadEvSessions(none)).toThrow(/no session kept of 2 \(1 without done_charge, 1 outside 3–12 h/);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-ev-")), "x.csv");
    writeFileSync(file, "start_time,total_power\n2020/01/01 10:00,1\n");
    expect(() => loadEvSessions(file)).toThrow(`${file}:1: missing column "done_charge"`);
  });
});
