import { InputError } from "@equitable/core";
import type { AuditFrame } from "./audit-forecast.js";
import type { RecalibrationSelection, RecalibrationSetting } from "./recalibrate.js";
import type { HorizonAccuracy } from "./accuracy.js";
import type { SkippedDecisions } from "./decisions.js";
import type { VintageQuirks } from "./vintages.js";

/** The format tag of audit.json; a reader refuses anything else. */
export const AUDIT_FORMAT = "equitable-audit/1";

/** An audit frame as audit.json holds it: the agents' means by id. */
export type AuditFrameJson = Omit<AuditFrame, "agentMeans"> & { readonly agentMeans: Readonly<Record<string, number>> };

/** One trained recalibration as audit.json lists it. */
export interface RecalibrationModelJson {
  readonly name: string;
  readonly method: string;
  readonly seed: number;
  readonly trainedOn: string;
  /** The setting chosen on the validation days (see `recalibration.selection`). */
  readonly setting: RecalibrationSetting;
  readonly loss: number;
}

/** Everything an audit found: one file, written last, read by `equitable report`. */
export interface AuditSummary {
  readonly format: typeof AUDIT_FORMAT;
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly forecastTable: string;
  readonly stepMinutes: number;
  readonly quirks: VintageQuirks;
  readonly agentQuirks: Readonly<Record<string, number>>;
  readonly decision: {
    readonly steps: number;
    readonly start: string | null;
    readonly bands: readonly { readonly name: string; readonly leadHours: number; readonly decisions: number; readonly skipped: SkippedDecisions }[];
    readonly days: number;
  };
  readonly accuracy: readonly HorizonAccuracy[];
  readonly groups: readonly { readonly name: string; readonly kind: string; readonly agents: readonly string[] }[];
  readonly alpha: number;
  readonly bootstrap: { readonly resamples: number; readonly level: number; readonly unit: "decision day" };
  /** Every forecast (published, persistence, perfect) over the whole period, per band and pooled. */
  readonly frames: readonly AuditFrameJson[];
  readonly recalibration: null | {
    readonly trainFraction: number;
    /** First decision day of the audited (test) period. */
    readonly firstTestDay: string;
    readonly trainDecisions: number;
    readonly testDecisions: number;
    /** Last fraction of the training days held out to choose each method's setting. */
    readonly validationFraction: number;
    /** First day of the validation days (training days from it are held out during selection). */
    readonly firstValidationDay: string;
    readonly innerTrainDecisions: number;
    readonly validationDecisions: number;
    /** Per method and seed: every candidate's validation figure and the chosen one. */
    readonly selection: readonly RecalibrationSelection[];
    readonly models: readonly RecalibrationModelJson[];
    /** The baselines and every recalibrated model over the test days only. */
    readonly frames: readonly AuditFrameJson[];
  };
}

/** A frame with its agents' means keyed by agent id. */
export function frameJson(frame: AuditFrame, ids: readonly string[]): AuditFrameJson {
  return { ...frame, agentMeans: Object.fromEntries(ids.map((id, j) => [id, frame.agentMeans[j]])) };
}

/** audit.json's text: NaN (a 0/0 ratio) is written as null. */
export function auditJson(summary: AuditSummary): string {
  return `${JSON.stringify(summary, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** Reads audit.json's text back (null figures as NaN); InputError naming `file` when it is not an audit. */
export function readAuditJson(text: string, file: string): AuditSummary {
  let value: unknown;
  try {
    value = JSON.parse(text, (k, v: unknown) => (v === null && (k === "value" || k === "lo" || k === "hi") ? Number.NaN : v));
  } catch {
    throw new InputError(file, "is not valid JSON");
  }
  if (!value || typeof value !== "object" || (value as { format?: unknown }).format !== AUDIT_FORMAT) {
    throw new InputError(file, `is not an audit (no "format": "${AUDIT_FORMAT}")`);
  }
  return value as AuditSummary;
}
