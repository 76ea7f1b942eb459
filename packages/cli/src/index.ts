export { buildProgram } from "./program.js";
export { formatTable } from "./table.js";
export type { SummaryRow } from "./summary-row.js";
export { RunDir, type RunDirOptions } from "./run-dir.js";
