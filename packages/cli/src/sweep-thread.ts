// The body of a sweep's worker thread: it runs each cell it is sent with the CLI's training code.
import "@equitable/preset";
import { serveCells } from "@equitable/sweep";
import { runCell } from "./sweep-cell.js";

serveCells(runCell);
