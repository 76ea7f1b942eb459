export { buildProgram } from "./program.js";
export { formatTable } from "./table.js";
