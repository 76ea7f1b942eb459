/**
 * Benchmark (not a test): ms per Adam training step (forward + backward + apply, MSE loss) of
 * the Transformer public model at the paper's EV size (window 12, horizon 12, d = 250,
 * 10 heads, batch 128), and at d = 64 / 4 heads for comparison.
 * Usage: pnpm --filter @equitable/bench bench:transformer [--backend wasm] [--steps 20]
 */
import { parseArgs } from "node:util";
import * as tf from "@equitable/core/tf";
import { createRandom } from "@equitable/core";
import { createTransformer, selectBackend, type BackendName } from "@equitable/model";

const { values } = parseArgs({
  options: {
    backend: { type: "string", default: "auto" },
    steps: { type: "string", default: "20" },
  },
});
const WINDOW = 12;
const HORIZON = 12;
const BATCH = 128;
const WARMUP = 3;
const steps = Number(values.steps);

const backend = await selectBackend(values.backend as BackendName);
const rng = createRandom(1);
const x = Float32Array.from({ length: BATCH * WINDOW }, () => rng.next());
const y = Float32Array.from({ length: BATCH * HORIZON }, () => rng.next());

/** Per-step ms after warm-up (the first steps allocate Adam's slots and XNNPACK's packed weights). */
function timeSteps(dModel: number, heads: number): { mean: number; median: number; min: number; numTensors: number } {
  const model = createTransformer({ window: WINDOW, horizon: HORIZON, dModel, heads, ffHidden: dModel, rng: createRandom(2) });
  const optimizer = tf.train.adam(1e-3);
  const xs = tf.tensor2d(x, [BATCH, WINDOW]);
  const ys = tf.tensor2d(y, [BATCH, HORIZON]);
  const step = () =>
    tf.tidy(() => {
      const loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(model.forward(xs), ys))) as tf.Scalar, true, [...model.variables]);
      // Reading the loss waits for the step to finish, as a trainer logging it would.
      loss!.dataSync();
    });
  for (let i = 0; i < WARMUP; i++) step();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const started = performance.now();
    step();
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const numTensors = tf.memory().numTensors;
  optimizer.dispose();
  xs.dispose();
  ys.dispose();
  model.dispose();
  return {
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    numTensors,
  };
}

console.log(`backend ${backend}, batch ${BATCH}, window ${WINDOW}, horizon ${HORIZON}, ffHidden = dModel, ${steps} steps after ${WARMUP} warm-up`);
for (const [dModel, heads] of [
  [250, 10],
  [64, 4],
] as const) {
  const { mean, median, min, numTensors } = timeSteps(dModel, heads);
  // Median and minimum too: on a shared machine the mean carries other processes' load.
  console.log(
    `dModel ${dModel}, ${heads} heads: ${mean.toFixed(1)} ms/step mean (median ${median.toFixed(1)}, min ${min.toFixed(1)}; tf.memory().numTensors after: ${numTensors})`,
  );
}
