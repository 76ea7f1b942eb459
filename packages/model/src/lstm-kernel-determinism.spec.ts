import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LstmKernel, type LstmKernelGrads, type LstmKernelSizes, type LstmKernelWeights } from "./lstm-kernel.js";
import { uniform } from "./backends.spec-helper.js";

// A cell's numbers must not depend on how many threads run beside it or on which lane finishes
// first. These calls run the kernel with its worker lane (2 lanes) and without (1 lane: both halves
// on this thread), under spinning threads that outnumber the cores, so the worker lane is
// descheduled at random points, starts late, and finishes before or after the first lane.

const H = 50;
const G = 4 * H;

/** Batch sizes in the order a training run meets them: split and unsplit, odd halves, growing and shrinking the lanes' memories. */
const BATCHES = [128, 31, 32, 33, 77, 128, 500, 64, 1500, 97];

interface Call {
  sizes: LstmKernelSizes;
  x: Float32Array;
  dy: Float32Array;
}

type Result = { y: Float32Array } & LstmKernelGrads;

const weights = (outputs: number): LstmKernelWeights => ({
  wx: uniform(G, 1), wh: uniform(H * G, 2, -0.3, 0.3), b: uniform(G, 3), wo: uniform(H * outputs, 4), bo: uniform(outputs, 5),
});

const calls: Call[] = BATCHES.map((batch, k) => {
  const outputs = k % 3 === 2 ? 3 : 1;
  return { sizes: { batch, window: 12, hidden: H, outputs }, x: uniform(batch * 12, 10 + k, 0, 2), dy: uniform(batch * outputs, 100 + k) };
});

function runAll(kernel: LstmKernel): Result[] {
  return calls.map((c) => {
    const y = kernel.forward(c.sizes, c.x, weights(c.sizes.outputs));
    return { y, ...kernel.backward(c.dy) };
  });
}

/** The first key whose bits differ (Object.is tells -0 from 0 and NaN from nothing), or undefined. */
function firstDifference(a: Result, b: Result): string | undefined {
  for (const key of ["y", "dx", "wx", "wh", "b", "wo", "bo"] as const) {
    const u = a[key];
    const v = b[key];
    if (u.length !== v.length) return `${key} (length)`;
    for (let i = 0; i < u.length; i++) if (!Object.is(u[i], v[i])) return `${key}[${i}]: ${u[i]} vs ${v[i]}`;
  }
  return undefined;
}

describe("LSTM kernel: bit-identical whatever the lanes' timing", () => {
  let spinners: Worker[] = [];
  let oneLane: Result[];

  beforeAll(() => {
    oneLane = runAll(new LstmKernel(false));
    // Twice as many busy threads as cores: the kernel's worker lane competes for a core.
    spinners = Array.from({ length: 2 * availableParallelism() }, () => new Worker("for (;;) {}", { eval: true }));
  });

  afterAll(async () => {
    await Promise.all(spinners.map((w) => w.terminate()));
  });

  it("2 lanes (worker thread) give the 1-lane results, bit for bit, on fresh kernels whose worker starts under load", () => {
    for (let rep = 0; rep < 6; rep++) {
      const k = new LstmKernel(true);
      expect(k.threaded).toBe(true);
      runAll(k).forEach((r, i) => expect(firstDifference(r, oneLane[i]), `rep ${rep}, batch ${BATCHES[i]}`).toBeUndefined());
    }
  });

  it("one long-lived 2-lane kernel repeats the same call bit for bit, many times under load", () => {
    const k = new LstmKernel(true);
    const c = calls[0];
    const w = weights(c.sizes.outputs);
    for (let rep = 0; rep < 150; rep++) {
      const y = k.forward(c.sizes, c.x, w);
      const r = { y, ...k.backward(c.dy) };
      const diff = firstDifference(r, oneLane[0]);
      if (diff) expect(diff, `rep ${rep}`).toBeUndefined();
    }
  });

  it("the worker lane finishing first (this thread's lane held back 0-4 ms per call) changes nothing", () => {
    const k = new LstmKernel(true);
    // Reaches into the first lane: the only way to delay it from outside, so that the worker's half is done before it.
    const first = (k as unknown as { first: { exports: Record<string, (...args: number[]) => void> } }).first;
    const real = first.exports;
    let call = 0;
    const hold = (f: (...args: number[]) => void) => (...args: number[]) => {
      const until = performance.now() + (call++ % 5);
      while (performance.now() < until);
      f(...args);
    };
    first.exports = { ...real, lstm_forward: hold(real.lstm_forward), lstm_backward: hold(real.lstm_backward) };
    for (let rep = 0; rep < 3; rep++) {
      runAll(k).forEach((r, i) => expect(firstDifference(r, oneLane[i]), `rep ${rep}, batch ${BATCHES[i]}`).toBeUndefined());
    }
  });

  it("a backward after an intervening forward of another size still gives the 1-lane gradients (its forward rerun)", () => {
    const k = new LstmKernel(true);
    const [a, b] = [calls[0], calls[6]];
    for (let rep = 0; rep < 5; rep++) {
      const y = k.forward(a.sizes, a.x, weights(a.sizes.outputs));
      k.forward(b.sizes, b.x, weights(b.sizes.outputs));
      // What lstm.ts does when the kernel's generation moved on: rerun the forward, then the backward.
      k.forward(a.sizes, a.x, weights(a.sizes.outputs));
      expect(firstDifference({ y, ...k.backward(a.dy) }, oneLane[0]), `rep ${rep}`).toBeUndefined();
    }
  });
});
