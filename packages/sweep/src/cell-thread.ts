// The body of a sweep's worker thread: it trains each cell it is sent with the experiment library, on the cell's own plan.
import { trainCell } from "@equitable/experiment";
import { serveCells } from "./serve-cells.js";

serveCells(trainCell);
