// The body of a sweep's worker thread: it trains each cell it is sent with the experiment library, on the cell's own plan.
// A thread is a program of its own: the built-ins register here, as in the CLI.
import "@equitable/preset";
import { trainCell } from "@equitable/experiment";
import { serveCells } from "./serve-cells.js";

serveCells(trainCell);
