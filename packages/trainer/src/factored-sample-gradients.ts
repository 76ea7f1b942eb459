import type { SampleGradients } from "@equitable/core";

// Above this many Jacobian rows the Gram matrix ΦΦᵀ (float64, rows²) is not cached: 4096² is 128 MiB.
const MAX_CACHED_KERNEL_ROWS = 4096;

/**
 * Per-sample gradients of N = rows·agents regrets in factored form g_{i,m} = Φ_iᵀ e_{i,m}: Φ_i
 * (horizon×P, rows of `phi`) is row i's Jacobian of the model output the regrets see, e_{i,m}
 * (horizon) is ∂C_{i,m}/∂output_i. Every regret of a row shares its Jacobian, so IRW's sums
 * and projections cost O(rows·horizon·P + N·horizon) and no N×P matrix is formed.
 */
export class FactoredSampleGradients implements SampleGradients {
  readonly count: number;
  private kernel: Float64Array | undefined;
  private norms: Float64Array | undefined;

  /** `phi` is (rows·horizon)×dimension row-major, `e` is N×horizon with sample a = row·agents + agent. */
  constructor(
    readonly rows: number,
    readonly agents: number,
    readonly horizon: number,
    readonly dimension: number,
    private readonly phi: Float32Array,
    private readonly e: Float64Array,
  ) {
    this.count = rows * agents;
    if (phi.length !== rows * horizon * dimension) throw new RangeError(`FactoredSampleGradients: phi has ${phi.length} values, expected ${rows}×${horizon}×${dimension}`);
    if (e.length !== this.count * horizon) throw new RangeError(`FactoredSampleGradients: e has ${e.length} values, expected ${this.count}×${horizon}`);
  }

  /** Several row blocks taken at the same θ as one set of samples (the global scheme's epoch pass). */
  static concat(parts: readonly FactoredSampleGradients[]): FactoredSampleGradients {
    const [first] = parts;
    const rows = parts.reduce((n, p) => n + p.rows, 0);
    const phi = new Float32Array(rows * first.horizon * first.dimension);
    const e = new Float64Array(rows * first.agents * first.horizon);
    let po = 0;
    let eo = 0;
    for (const p of parts) {
      phi.set(p.phi, po);
      e.set(p.e, eo);
      po += p.phi.length;
      eo += p.e.length;
    }
    return new FactoredSampleGradients(rows, first.agents, first.horizon, first.dimension, phi, e);
  }

  /** The samples of rows [firstRow, firstRow + rows), sharing this object's arrays. */
  slice(firstRow: number, rows: number): FactoredSampleGradients {
    const { horizon: h, dimension: p, agents: m } = this;
    return new FactoredSampleGradients(rows, m, h, p, this.phi.subarray(firstRow * h * p, (firstRow + rows) * h * p), this.e.subarray(firstRow * m * h, (firstRow + rows) * m * h));
  }

  combine(coefficients: Float64Array): Float64Array {
    const { rows, agents: m, horizon: h, dimension: p, phi, e } = this;
    const out = new Float64Array(p);
    const u = new Float64Array(h);
    for (let i = 0; i < rows; i++) {
      // u_i = Σ_m c_{i,m}·e_{i,m}, then Σ_a c_a g_a = Σ_i Φ_iᵀ u_i.
      u.fill(0);
      let any = false;
      for (let j = 0; j < m; j++) {
        const c = coefficients[i * m + j];
        if (c === 0) continue;
        any = true;
        for (let k = 0; k < h; k++) u[k] += c * e[(i * m + j) * h + k];
      }
      if (!any) continue;
      for (let k = 0; k < h; k++) {
        const uk = u[k];
        if (uk === 0) continue;
        const row = (i * h + k) * p;
        for (let q = 0; q < p; q++) out[q] += uk * phi[row + q];
      }
    }
    return out;
  }

  project(v: Float64Array): Float64Array {
    const { rows, agents: m, horizon: h, dimension: p, phi, e } = this;
    const out = new Float64Array(this.count);
    const r = new Float64Array(h);
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < h; k++) {
        const row = (i * h + k) * p;
        let s = 0;
        for (let q = 0; q < p; q++) s += phi[row + q] * v[q];
        r[k] = s;
      }
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < h; k++) s += e[(i * m + j) * h + k] * r[k];
        out[i * m + j] = s;
      }
    }
    return out;
  }

  dot(a: number, b: number): number {
    const { agents: m, horizon: h, e } = this;
    // Integer division by truncation: DBSCAN calls this O(N²) times (41 M for 50 agents × 128 rows).
    const i = (a / m) | 0;
    const j = (b / m) | 0;
    const kernel = this.kernel ?? this.kernelMatrix();
    const n = this.rows * h;
    if (h === 1) return e[a] * e[b] * (kernel ? kernel[i * n + j] : this.phiDot(i, j));
    let s = 0;
    for (let k = 0; k < h; k++) {
      const ea = e[a * h + k];
      if (ea === 0) continue;
      for (let l = 0; l < h; l++) {
        const phiDot = kernel ? kernel[(i * h + k) * n + j * h + l] : this.phiDot(i * h + k, j * h + l);
        s += ea * e[b * h + l] * phiDot;
      }
    }
    return s;
  }

  squaredDistances(a: number, out: Float64Array): void {
    const { agents: m, horizon: h, e, count } = this;
    if (!this.norms) this.norms = Float64Array.from({ length: count }, (_, b) => this.dot(b, b));
    const norms = this.norms;
    const kernel = this.kernel ?? this.kernelMatrix();
    if (h !== 1 || !kernel) {
      for (let b = 0; b < count; b++) out[b] = norms[a] + norms[b] - 2 * this.dot(a, b);
      return;
    }
    // Horizon 1: ⟨g_a, g_b⟩ = e_a·e_b·K_ij, one kernel entry per row pair; a tight loop, as DBSCAN runs N of these.
    const i = (a / m) | 0;
    const n = this.rows;
    const na = norms[a];
    const ea2 = 2 * e[a];
    for (let j = 0; j < n; j++) {
      const kij = ea2 * kernel[i * n + j];
      for (let b = j * m; b < (j + 1) * m; b++) out[b] = na + norms[b] - kij * e[b];
    }
  }

  /** ΦΦᵀ, computed once on first use when it fits; DBSCAN asks for O(N²) dot products. */
  private kernelMatrix(): Float64Array | undefined {
    const n = this.rows * this.horizon;
    if (n > MAX_CACHED_KERNEL_ROWS) return undefined;
    if (!this.kernel) {
      const kernel = new Float64Array(n * n);
      for (let r = 0; r < n; r++) {
        for (let c = r; c < n; c++) {
          const v = this.phiDot(r, c);
          kernel[r * n + c] = v;
          kernel[c * n + r] = v;
        }
      }
      this.kernel = kernel;
    }
    return this.kernel;
  }

  private phiDot(r: number, c: number): number {
    const p = this.dimension;
    let s = 0;
    for (let q = 0; q < p; q++) s += this.phi[r * p + q] * this.phi[c * p + q];
    return s;
  }
}
