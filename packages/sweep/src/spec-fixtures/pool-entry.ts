// A worker thread body for the pool's spec: a stand-in runner whose behaviour each cell's label picks.
// No workspace import: a thread started under vitest resolves packages without the source condition.
import { serveCells } from "../serve-cells.js";

serveCells(async (cell) => {
  if (cell.label === "crash") process.exit(3);
  if (cell.label === "refused") throw Object.assign(new Error("training: diverged at epoch 1"), { name: "TrainingDivergedError" });
  if (cell.label === "broken") throw new Error("out of memory");
  const row = {
    method: "plain", methodLabel: "Plain PM", q: null, qPlusOne: null, beta: null, seed: cell.seed, variance: cell.seed, mean: 0, c95MinusC5: 0, mse: 0,
    hNorm: 0, worst: 0, worstAlpha: 0, alpha: 0.2, jain: 0, epochs: 1, label: cell.label, params: {},
  };
  return { row, agentIds: ["a"], agentMeanRegrets: [cell.seed], trainSeconds: 0 };
});
