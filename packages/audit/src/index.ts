export { loadForecastVintages, loadActuals, iso, type ForecastVintages, type ForecastIssue, type VintageQuirks, type VintageOptions } from "./vintages.js";
export { planDecisions, persistenceValue, type DecisionPlan, type DecisionRule, type DecisionBand, type SkippedDecisions } from "./decisions.js";
export { buildAuditAgents, xiOfRows, type AuditAgents, type AuditGroupColumns } from "./audit-agents.js";
export { bootstrapDays, type Figure } from "./bootstrap.js";
export {
  auditForecast, publishedSource, persistenceSource, perfectSource, AUDIT_METRICS,
  type AuditFrame, type AuditMetric, type AuditOptions, type ForecastSource, type MetricSet,
} from "./audit-forecast.js";
export { accuracyByHorizon, type HorizonAccuracy } from "./accuracy.js";
export { loadAuditScenario, parseAuditScenario, type AuditScenario, type AuditGroup, type RecalibrationSettings } from "./audit-scenario.js";
export {
  recalibrate, splitByDays, splitTrainingDays, candidateSettings, describeSetting,
  type RecalibratedForecast, type RecalibrationEvent, type RecalibrationSetting, type RecalibrationSelection, type RecalibrateOptions,
} from "./recalibrate.js";
export { RecalibrationLayer } from "./recalibration-layer.js";
export { runAudit, AUDIT_FILES, type AuditEvent, type RunAuditOptions } from "./run-audit.js";
export { auditJson, readAuditJson, frameJson, AUDIT_FORMAT, type AuditSummary, type AuditFrameJson, type RecalibrationModelJson } from "./audit-json.js";
export { auditRegretsCsv, readAuditRegretsCsv, type AuditRegretLine } from "./audit-regrets-csv.js";
export { groupedTable, bandTable, recalibrationTable, selectionTable, formatFigure, markdownTable } from "./audit-table.js";
