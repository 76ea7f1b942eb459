import type { SampleGradients } from "@equitable/core";

/**
 * Per-sample gradients held as a dense N×P matrix: the method checks hand it to `perSample.weights`
 * of methods that read gradients (IRW's ⟨g_a, g_w⟩), where the trainer would pass its factored
 * ones. Dense is fine at the check's sizes (N ≤ 16) and easy to read in a counterexample.
 */
export class DenseSampleGradients implements SampleGradients {
  readonly count: number;

  /** `matrix` is row-major: sample a's gradient is matrix[a·dimension … (a+1)·dimension). */
  constructor(readonly matrix: Float64Array, readonly rows: number, readonly agents: number, readonly dimension: number) {
    this.count = rows * agents;
    if (matrix.length !== this.count * dimension) throw new RangeError(`DenseSampleGradients: ${matrix.length} values for ${this.count} samples × ${dimension}`);
  }

  combine(coefficients: Float64Array): Float64Array {
    const out = new Float64Array(this.dimension);
    for (let a = 0; a < this.count; a++) {
      const c = coefficients[a];
      if (c === 0) continue;
      for (let k = 0; k < this.dimension; k++) out[k] += c * this.matrix[a * this.dimension + k];
    }
    return out;
  }

  project(v: Float64Array): Float64Array {
    const out = new Float64Array(this.count);
    for (let a = 0; a < this.count; a++) {
      let s = 0;
      for (let k = 0; k < this.dimension; k++) s += this.matrix[a * this.dimension + k] * v[k];
      out[a] = s;
    }
    return out;
  }

  dot(a: number, b: number): number {
    let s = 0;
    for (let k = 0; k < this.dimension; k++) s += this.matrix[a * this.dimension + k] * this.matrix[b * this.dimension + k];
    return s;
  }

  squaredDistances(a: number, out: Float64Array): void {
    for (let b = 0; b < this.count; b++) {
      let s = 0;
      for (let k = 0; k < this.dimension; k++) {
        const d = this.matrix[a * this.dimension + k] - this.matrix[b * this.dimension + k];
        s += d * d;
      }
      out[b] = s;
    }
  }

  slice(firstRow: number, rows: number): SampleGradients {
    const width = this.agents * this.dimension;
    return new DenseSampleGradients(this.matrix.slice(firstRow * width, (firstRow + rows) * width), rows, this.agents, this.dimension);
  }
}
