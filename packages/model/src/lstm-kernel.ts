import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { LSTM_KERNEL_WASM } from "./lstm-kernel-wasm.js";

/** Sizes of one LSTM kernel call: batch B, window W, hidden H, horizon (outputs) O. */
export interface LstmKernelSizes {
  batch: number;
  window: number;
  hidden: number;
  outputs: number;
}

/** The LSTM's parameters as flat float32 arrays, in the layouts of createLstm's variables. */
export interface LstmKernelWeights {
  wx: Float32Array;
  wh: Float32Array;
  b: Float32Array;
  wo: Float32Array;
  bo: Float32Array;
}

/** Gradients of {@link LstmKernel.backward}, in the weights' layouts (and dx B×W). */
export interface LstmKernelGrads extends LstmKernelWeights {
  dx: Float32Array;
}

interface Exports {
  lstm_forward(...args: number[]): void;
  lstm_backward(...args: number[]): void;
  __heap_base: { value: number };
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

// The WebAssembly JS API, typed here: the repository's TypeScript libs declare no DOM.
const WASM = (globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: unknown };
    Memory: new (size: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  };
}).WebAssembly;

const BYTES = Buffer.from(LSTM_KERNEL_WASM, "base64");
/** The module is linked for a shared memory of at most 1 GiB (native/build-lstm-kernel.sh). */
const MAX_PAGES = 16384;
/** Batches of at least this many rows run as two halves (the second on a worker thread when there is a second core). */
const SPLIT_MIN = 32;

type Buffers = Record<"x" | "wx" | "wh" | "b" | "wo" | "bo" | "acts" | "cs" | "hs" | "tcs" | "pre" | "y" | "dy" | "dx" | "dwx" | "dwh" | "db" | "dwo" | "dbo" | "dz" | "dh" | "dc", number>;

/** One instance of the module with its own memory, computing a block of a batch's rows. */
class Lane {
  readonly memory = new WASM.Memory({ initial: 2, maximum: MAX_PAGES, shared: true });
  readonly exports: Exports;
  sizes: LstmKernelSizes | undefined;
  at: Buffers | undefined;

  constructor(module: object) {
    this.exports = new WASM.Instance(module, { env: { memory: this.memory } }).exports as unknown as Exports;
  }

  write(ptr: number, values: Float32Array, from = 0, n = values.length): void {
    new Float32Array(this.memory.buffer, ptr, n).set(values.subarray(from, from + n));
  }

  read(ptr: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, n).slice();
  }

  /** Byte offsets of every buffer for these sizes (16-byte aligned for SIMD loads), growing the memory when needed. */
  layout(sizes: LstmKernelSizes): Buffers {
    const s = this.sizes;
    if (s && this.at && s.batch === sizes.batch && s.window === sizes.window && s.hidden === sizes.hidden && s.outputs === sizes.outputs) return this.at;
    const { batch: B, window: W, hidden: H, outputs: O } = sizes;
    const G = 4 * H;
    const floats: [keyof Buffers, number][] = [
      ["x", B * W], ["wx", G], ["wh", H * G], ["b", G], ["wo", H * O], ["bo", O],
      ["acts", W * B * G], ["cs", (W + 1) * B * H], ["hs", (W + 1) * B * H], ["tcs", W * B * H], ["pre", B * O], ["y", B * O],
      ["dy", B * O], ["dx", B * W], ["dwx", G], ["dwh", H * G], ["db", G], ["dwo", H * O], ["dbo", O],
      ["dz", B * G], ["dh", B * H], ["dc", B * H],
    ];
    let p = Math.ceil(this.exports.__heap_base.value / 16) * 16;
    const at = {} as Buffers;
    for (const [name, n] of floats) {
      at[name] = p;
      p += Math.ceil((4 * n) / 16) * 16;
    }
    const pages = Math.ceil(p / 65536);
    const have = this.memory.buffer.byteLength / 65536;
    if (pages > have) this.memory.grow(pages - have);
    this.sizes = { ...sizes };
    this.at = at;
    return at;
  }
}

// The worker: its own instance on the second lane's (shared) memory, from the module compiled here; it waits on ctrl[0] (a request
// counter), calls the export ctrl[2] names with the ctrl[3] arguments from ctrl[4], then publishes
// the counter in ctrl[1]. Plain JavaScript evaluated as CommonJS, so it runs alike from dist and source.
const WORKER = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctrl } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(ctrl);
let seen = 0;
for (;;) {
  Atomics.wait(c, 0, seen);
  seen = Atomics.load(c, 0);
  const args = Array.from(c.subarray(4, 4 + c[3]));
  (c[2] === 0 ? ex.lstm_forward : ex.lstm_backward)(...args);
  Atomics.store(c, 1, seen);
  Atomics.notify(c, 1);
}`;

/** Runs a lane's calls on a worker thread, or in this thread after the first lane when there is none. */
class SecondLane {
  readonly lane: Lane;
  readonly ctrl: Int32Array | undefined;
  private pending: (() => void) | undefined;

  constructor(module: object, threaded: boolean) {
    this.lane = new Lane(module);
    if (!threaded) return;
    try {
      const ctrl = new SharedArrayBuffer(4 * 64);
      const worker = new Worker(WORKER, { eval: true, workerData: { module, memory: this.lane.memory, ctrl } });
      // A worker blocked in Atomics.wait must not keep the process alive.
      worker.unref();
      this.ctrl = new Int32Array(ctrl);
    } catch {
      this.ctrl = undefined;
    }
  }

  /** Starts export `fn` (0 forward, 1 backward) with `args`. */
  start(fn: 0 | 1, args: number[]): void {
    const c = this.ctrl;
    if (!c) {
      const f = fn === 0 ? this.lane.exports.lstm_forward : this.lane.exports.lstm_backward;
      this.pending = () => f(...args);
      return;
    }
    c[2] = fn;
    c[3] = args.length;
    c.set(args, 4);
    Atomics.add(c, 0, 1);
    Atomics.notify(c, 0);
  }

  /** Waits for the call {@link start} began. */
  finish(): void {
    const c = this.ctrl;
    if (!c) {
      this.pending?.();
      this.pending = undefined;
      return;
    }
    const want = Atomics.load(c, 0);
    const deadline = performance.now() + 60_000;
    for (;;) {
      const done = Atomics.load(c, 1);
      if (done === want) return;
      if (performance.now() > deadline) throw new Error("LstmKernel: the worker thread did not answer within 60 s");
      Atomics.wait(c, 1, done, 1000);
    }
  }
}

function forwardArgs(s: LstmKernelSizes, at: Buffers): number[] {
  return [s.batch, s.window, s.hidden, s.outputs, at.x, at.wx, at.wh, at.b, at.wo, at.bo, at.acts, at.cs, at.hs, at.tcs, at.pre, at.y];
}

function backwardArgs(s: LstmKernelSizes, at: Buffers): number[] {
  return [s.batch, s.window, s.hidden, s.outputs, at.x, at.wx, at.wh, at.wo, at.acts, at.cs, at.hs, at.tcs, at.pre, at.dy,
    at.dx, at.dwx, at.dwh, at.db, at.dwo, at.dbo, at.dz, at.dh, at.dc];
}

/**
 * The wasm32 SIMD LSTM of native/lstm-kernel.c: the whole forward over the window and the
 * hand-written backward in two calls, instead of ~40 tfjs ops forward and ~90 backward. A batch
 * of at least 32 rows is computed as two halves, the second on a worker thread when the machine
 * has a second core; the halves' weight gradients are summed in a fixed order, so results do not
 * depend on whether the thread exists. One instance per process; it keeps the activations of its
 * latest forward, and `generation` says which forward that was, so a backward can tell when
 * another forward ran in between.
 */
export class LstmKernel {
  private readonly first: Lane;
  private readonly second: SecondLane;
  private sizes: LstmKernelSizes | undefined;
  private rows: [number, number] = [0, 0];
  /** Counts forwards; a backward belongs to the forward whose number it saw. */
  generation = 0;

  /** Whether the second half runs on a worker thread. */
  get threaded(): boolean {
    return this.second.ctrl !== undefined;
  }

  /** `threaded`: run the second half on a worker thread (default: when the machine has two cores and EQUITABLE_LSTM_THREADS ≠ 1). */
  constructor(threaded = availableParallelism() >= 2 && process.env.EQUITABLE_LSTM_THREADS !== "1") {
    const module = new WASM.Module(BYTES);
    this.first = new Lane(module);
    this.second = new SecondLane(module, threaded);
  }

  /** Runs the forward on x (B×W) and returns the forecasts (B×O, a fresh array); keeps what the backward needs. */
  forward(sizes: LstmKernelSizes, x: Float32Array, w: LstmKernelWeights): Float32Array {
    const { batch: B, window: W, outputs: O } = sizes;
    // The split depends on B alone (never on whether the thread exists or which lane is free first),
    // so each row's sums run in one lane in one order; lstm-kernel-determinism.spec.ts holds this.
    const b0 = B >= SPLIT_MIN ? Math.ceil(B / 2) : B;
    const rows: [number, number] = [b0, B - b0];
    const lanes = [this.first, this.second.lane];
    const ats = rows.map((n, k) => (n > 0 ? lanes[k].layout({ ...sizes, batch: n }) : undefined));
    let from = 0;
    rows.forEach((n, k) => {
      const at = ats[k];
      if (!at) return;
      const lane = lanes[k];
      lane.write(at.x, x, from * W, n * W);
      lane.write(at.wx, w.wx);
      lane.write(at.wh, w.wh);
      lane.write(at.b, w.b);
      lane.write(at.wo, w.wo);
      lane.write(at.bo, w.bo);
      from += n;
    });
    if (ats[1]) this.second.start(0, forwardArgs({ ...sizes, batch: rows[1] }, ats[1]));
    this.first.exports.lstm_forward(...forwardArgs({ ...sizes, batch: rows[0] }, ats[0]!));
    if (ats[1]) this.second.finish();
    const y = new Float32Array(B * O);
    y.set(this.first.read(ats[0]!.y, rows[0] * O), 0);
    if (ats[1]) y.set(this.second.lane.read(ats[1].y, rows[1] * O), rows[0] * O);
    this.sizes = { ...sizes };
    this.rows = rows;
    this.generation++;
    return y;
  }

  /** The gradients of Σ dy·y for the latest forward (dy B×O); fresh arrays. */
  backward(dy: Float32Array): LstmKernelGrads {
    const sizes = this.sizes;
    if (!sizes) throw new Error("LstmKernel.backward: no forward has run");
    const { batch: B, window: W, hidden: H, outputs: O } = sizes;
    const G = 4 * H;
    const rows = this.rows;
    const lanes = [this.first, this.second.lane];
    const ats = rows.map((n, k) => (n > 0 ? lanes[k].at! : undefined));
    lanes[0].write(ats[0]!.dy, dy, 0, rows[0] * O);
    if (ats[1]) {
      lanes[1].write(ats[1].dy, dy, rows[0] * O, rows[1] * O);
      this.second.start(1, backwardArgs({ ...sizes, batch: rows[1] }, ats[1]));
    }
    this.first.exports.lstm_backward(...backwardArgs({ ...sizes, batch: rows[0] }, ats[0]!));
    if (ats[1]) this.second.finish();
    const a = ats[0]!;
    const l0 = lanes[0];
    const grads: LstmKernelGrads = {
      dx: new Float32Array(B * W), wx: l0.read(a.dwx, G), wh: l0.read(a.dwh, H * G), b: l0.read(a.db, G), wo: l0.read(a.dwo, H * O), bo: l0.read(a.dbo, O),
    };
    grads.dx.set(l0.read(a.dx, rows[0] * W), 0);
    const c = ats[1];
    if (c) {
      const l1 = lanes[1];
      grads.dx.set(l1.read(c.dx, rows[1] * W), rows[0] * W);
      // Fixed order: first half's sum plus the second's, whichever thread computed it.
      for (const [key, ptr, n] of [["wx", c.dwx, G], ["wh", c.dwh, H * G], ["b", c.db, G], ["wo", c.dwo, H * O], ["bo", c.dbo, O]] as const) {
        const more = new Float32Array(l1.memory.buffer, ptr, n);
        const into = grads[key];
        for (let i = 0; i < n; i++) into[i] += more[i];
      }
    }
    return grads;
  }
}

let shared: LstmKernel | undefined;

/** The process's one {@link LstmKernel}, compiled on first use. */
export function lstmKernel(): LstmKernel {
  shared ??= new LstmKernel();
  return shared;
}
