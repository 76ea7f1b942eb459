export { buildReport, type ReportInput } from "./build-report.js";
export { reportData, REPORT_METRICS, type ReportMetric, type ReportData, type ReportCell, type ModelSummary } from "./report-data.js";
export { reportCharts, type ChartSpec } from "./charts.js";
export { renderSvg } from "./render-chart.js";
export { MAX_SIMULATION_POINTS, simulationCharts, weeklyMeans } from "./simulation-charts.js";
export { WEEKLY_EQUITY_FILE, formatWeekRows, parseWeekRows, type WeekRow } from "./weekly-equity-csv.js";
export { ROUNDS_FILE, formatRoundRows, parseRoundRows, type RoundCsvRow } from "./rounds-csv.js";
export { roundCharts } from "./round-charts.js";
export { buildAuditReport, type AuditReportInput, type AuditReportFrame, type AuditReportFigure } from "./audit-report.js";
