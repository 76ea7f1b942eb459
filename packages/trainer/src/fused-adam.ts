import * as tf from "@equitable/core/tf";

/**
 * Which optimiser implementation a training run uses; all are Adam with global-norm clipping.
 * "fused": typed arrays on the host; "tfjs": tf.train.adam after host-side clipping (the
 * reference); "device": tf.train.adam after clipping as tensor ops, so a step never reads back
 * to the host (what a webgpu run uses).
 */
export type OptimizerImplementation = "fused" | "tfjs" | "device";

/** Adam with optional global-norm clipping, one call per step (what the trainer needs of tfjs' optimiser). */
export interface ClippedAdam {
  /** Adam's step size; the trainer's schedule sets it each epoch. */
  learningRate: number;
  /** Clips `grads` (keyed by variable name) to global norm `clipNorm` (0: no clipping), then takes one Adam step. */
  step(grads: tf.NamedTensorMap, clipNorm: number): void;
  dispose(): void;
}

/**
 * Adam (Kingma & Ba 2015, tfjs' formulation: bias-corrected moments, ε added to √v̂, ε = the
 * backend's float epsilon) and global-norm clipping on plain typed arrays: per step one read of
 * each gradient and parameter and one assign per parameter, instead of ~15 tfjs ops per
 * parameter (each ~20–35 µs on wasm). Moments stay in float32, as tfjs keeps them.
 */
export function createFusedAdam(variables: readonly tf.Variable[], learningRate: number, beta1 = 0.9, beta2 = 0.999): ClippedAdam {
  const eps = tf.backend().epsilon();
  const m = variables.map((v) => new Float32Array(v.size));
  const s = variables.map((v) => new Float32Array(v.size));
  // tfjs keeps β^t as float32 scalars multiplied once per step; so does this.
  let accBeta1 = Math.fround(beta1);
  let accBeta2 = Math.fround(beta2);
  const adam: ClippedAdam = {
    learningRate,
    step(grads, clipNorm) {
      const gs = variables.map((v) => (grads[v.name] ? (grads[v.name].dataSync() as Float32Array) : undefined));
      let factor = 1;
      if (clipNorm > 0) {
        let sq = 0;
        for (const g of gs) if (g) for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
        const norm = Math.sqrt(sq);
        if (norm > clipNorm) factor = clipNorm / norm;
      }
      const c1 = 1 - accBeta1;
      const c2 = 1 - accBeta2;
      const lr = adam.learningRate;
      variables.forEach((v, k) => {
        const g = gs[k];
        if (!g) return;
        // A copy: the cpu backend's dataSync hands out its own storage.
        const p = Float32Array.from(v.dataSync() as Float32Array);
        const mk = m[k];
        const sk = s[k];
        for (let i = 0; i < p.length; i++) {
          const gi = g[i] * factor;
          mk[i] = beta1 * mk[i] + (1 - beta1) * gi;
          sk[i] = beta2 * sk[i] + (1 - beta2) * gi * gi;
          p[i] -= (lr * (mk[i] / c1)) / (Math.sqrt(sk[i] / c2) + eps);
        }
        const next = tf.tensor(p, v.shape, "float32");
        v.assign(next);
        next.dispose();
      });
      accBeta1 = Math.fround(accBeta1 * beta1);
      accBeta2 = Math.fround(accBeta2 * beta2);
    },
    dispose() {},
  };
  return adam;
}

/** The reference: tfjs' `tf.train.adam` after {@link clipByGlobalNorm}-style clipping, as the trainer ran before the fused one. */
export function createTfjsAdam(clip: (grads: tf.NamedTensorMap, maxNorm: number) => tf.NamedTensorMap, learningRate: number): ClippedAdam {
  const optimizer = tf.train.adam(learningRate);
  return {
    get learningRate() {
      return (optimizer as unknown as { learningRate: number }).learningRate;
    },
    set learningRate(lr: number) {
      // tfjs' Adam reads its learning rate on every step.
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
    },
    step(grads, clipNorm) {
      const applied = clipNorm > 0 ? clip(grads, clipNorm) : grads;
      // applyGradients is typed for variables but only reads the tensors' values.
      optimizer.applyGradients(applied as unknown as Parameters<typeof optimizer.applyGradients>[0]);
    },
    dispose: () => optimizer.dispose(),
  };
}

/**
 * Scales gradients to global L2 norm at most `maxNorm` with tensor ops only: the factor
 * min(1, maxNorm/‖g‖) stays on the device, where {@link clipByGlobalNorm} reads the norm back.
 * Returns new tensors; the caller disposes them (the inputs are left alone).
 */
export function clipByGlobalNormOnDevice(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  return tf.tidy(() => {
    // Pairwise adds, not addN: tfjs-webgpu's AddN binds every input at once, and WebGPU's default
    // limit is 8 storage buffers per stage (a Transformer has 16 parameters: the pipeline is invalid).
    const norm = tf.sqrt(names.map((n) => tf.sum(tf.square(grads[n]))).reduce((acc, s) => tf.add(acc, s)));
    // Where ‖g‖ ≤ maxNorm the factor is exactly 1, as on the host path.
    const factor = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, Number.MIN_VALUE)));
    const out: tf.NamedTensorMap = {};
    for (const n of names) out[n] = tf.mul(grads[n], factor);
    return out;
  });
}

/** tfjs' Adam after {@link clipByGlobalNormOnDevice}: no host round trip inside a step. */
export function createDeviceAdam(learningRate: number): ClippedAdam {
  const optimizer = tf.train.adam(learningRate);
  return {
    get learningRate() {
      return (optimizer as unknown as { learningRate: number }).learningRate;
    },
    set learningRate(lr: number) {
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
    },
    step(grads, clipNorm) {
      const applied = clipNorm > 0 ? clipByGlobalNormOnDevice(grads, clipNorm) : grads;
      optimizer.applyGradients(applied as unknown as Parameters<typeof optimizer.applyGradients>[0]);
      if (applied !== grads) tf.dispose(Object.values(applied));
    },
    dispose: () => optimizer.dispose(),
  };
}
