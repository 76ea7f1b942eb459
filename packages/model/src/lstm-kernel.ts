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
    Memory: new (size: { initial: number }) => WasmMemory;
  };
}).WebAssembly;

type Buffers = Record<"x" | "wx" | "wh" | "b" | "wo" | "bo" | "acts" | "cs" | "hs" | "tcs" | "pre" | "y" | "dy" | "dx" | "dwx" | "dwh" | "db" | "dwo" | "dbo" | "dz" | "dh" | "dc", number>;

/**
 * The wasm32 SIMD LSTM of native/lstm-kernel.c: the whole forward over the window and the
 * hand-written backward in two calls, instead of ~40 tfjs ops forward and ~90 backward. One
 * instance per process; it keeps the activations of its latest forward, and `generation` says
 * which forward that was, so a backward can tell when another forward ran in between.
 */
export class LstmKernel {
  private readonly memory = new WASM.Memory({ initial: 2 });
  private readonly exports: Exports;
  private sizes: LstmKernelSizes | undefined;
  private at: Buffers | undefined;
  /** Counts forwards; a backward belongs to the forward whose number it saw. */
  generation = 0;

  constructor() {
    const module = new WASM.Module(Buffer.from(LSTM_KERNEL_WASM, "base64"));
    this.exports = new WASM.Instance(module, { env: { memory: this.memory } }).exports as unknown as Exports;
  }

  /** Runs the forward on x (B×W) and returns the forecasts (B×O, a fresh array); keeps what the backward needs. */
  forward(sizes: LstmKernelSizes, x: Float32Array, w: LstmKernelWeights): Float32Array {
    const at = this.layout(sizes);
    const { batch: B, window: W, hidden: H, outputs: O } = sizes;
    this.write(at.x, x);
    this.write(at.wx, w.wx);
    this.write(at.wh, w.wh);
    this.write(at.b, w.b);
    this.write(at.wo, w.wo);
    this.write(at.bo, w.bo);
    this.exports.lstm_forward(B, W, H, O, at.x, at.wx, at.wh, at.b, at.wo, at.bo, at.acts, at.cs, at.hs, at.tcs, at.pre, at.y);
    this.generation++;
    return this.read(at.y, B * O);
  }

  /** The gradients of Σ dy·y for the latest forward (dy B×O); fresh arrays. */
  backward(dy: Float32Array): LstmKernelGrads {
    const sizes = this.sizes;
    const at = this.at;
    if (!sizes || !at) throw new Error("LstmKernel.backward: no forward has run");
    const { batch: B, window: W, hidden: H, outputs: O } = sizes;
    const G = 4 * H;
    this.write(at.dy, dy);
    this.exports.lstm_backward(B, W, H, O, at.x, at.wx, at.wh, at.wo, at.acts, at.cs, at.hs, at.tcs, at.pre, at.dy,
      at.dx, at.dwx, at.dwh, at.db, at.dwo, at.dbo, at.dz, at.dh, at.dc);
    return {
      dx: this.read(at.dx, B * W), wx: this.read(at.dwx, G), wh: this.read(at.dwh, H * G),
      b: this.read(at.db, G), wo: this.read(at.dwo, H * O), bo: this.read(at.dbo, O),
    };
  }

  private write(ptr: number, values: Float32Array): void {
    new Float32Array(this.memory.buffer, ptr, values.length).set(values);
  }

  private read(ptr: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, n).slice();
  }

  /** Byte offsets of every buffer for these sizes (16-byte aligned for SIMD loads), growing the memory when needed. */
  private layout(sizes: LstmKernelSizes): Buffers {
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

let shared: LstmKernel | undefined;

/** The process's one {@link LstmKernel}, compiled on first use. */
export function lstmKernel(): LstmKernel {
  shared ??= new LstmKernel();
  return shared;
}
