export { buildProgram } from "./program.js";
export { formatTable } from "./table.js";
export type { SummaryRow } from "./summary-row.js";
export { RunDir, type RunDirOptions } from "./run-dir.js";
export { simulateDeployment, livePopulationOf, type DeploymentResult, type LiveRetraining } from "./live-deployment.js";
