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
