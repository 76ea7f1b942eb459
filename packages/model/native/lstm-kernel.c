// One-layer LSTM with a softplus dense head, forward and hand-written backward, for wasm32 with
// SIMD128 (built by build-lstm-kernel.sh). Same maths and gate order (i, f, g, o) as the tfjs
// reference in ../src/lstm.ts; batch-major buffers; no libc (exp and log are written here).
// G = 4H must be a multiple of 4 (it always is). All buffers are float32 and laid out by the caller.
#include <wasm_simd128.h>

typedef v128_t f4;

// Cephes-style expf on 4 lanes: range reduction by ln 2, degree-6 polynomial, 2^n by exponent bits.
// Inputs are clamped to [-87, 88] so that 2^n stays a normal float; relative error ≈ 2e-7.
static inline f4 exp4(f4 x) {
  x = wasm_f32x4_min(wasm_f32x4_max(x, wasm_f32x4_splat(-87.0f)), wasm_f32x4_splat(88.0f));
  f4 fx = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  x = wasm_f32x4_sub(x, wasm_f32x4_mul(fx, wasm_f32x4_splat(0.693359375f)));
  x = wasm_f32x4_sub(x, wasm_f32x4_mul(fx, wasm_f32x4_splat(-2.12194440e-4f)));
  f4 y = wasm_f32x4_splat(1.9875691500e-4f);
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), wasm_f32x4_splat(1.3981999507e-3f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), wasm_f32x4_splat(8.3334519073e-3f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), wasm_f32x4_splat(4.1665795894e-2f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), wasm_f32x4_splat(1.6666665459e-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), wasm_f32x4_splat(5.0000001201e-1f));
  y = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(y, x), x), x), wasm_f32x4_splat(1.0f));
  v128_t n = wasm_i32x4_trunc_sat_f32x4(fx);
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(n, wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(y, scale);
}

static inline f4 sigmoid4(f4 x) {
  f4 one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, exp4(wasm_f32x4_neg(x))));
}

// tanh x = 1 − 2/(e^{2x} + 1): absolute error ≈ 1e-7 near 0, exact limits ±1.
static inline f4 tanh4(f4 x) {
  f4 one = wasm_f32x4_splat(1.0f);
  f4 e = exp4(wasm_f32x4_add(x, x));
  return wasm_f32x4_sub(one, wasm_f32x4_div(wasm_f32x4_splat(2.0f), wasm_f32x4_add(e, one)));
}

// Scalar double exp for the head (B×O values only): reduction by ln 2, Taylor to degree 13.
static double exp_d(double x) {
  if (x < -700) return 0;
  if (x > 700) x = 700;
  double n = __builtin_nearbyint(x * 1.4426950408889634);
  double r = x - n * 0.6931471805599453;
  double term = 1, sum = 1;
  for (int k = 1; k <= 13; k++) {
    term *= r / k;
    sum += term;
  }
  long long bits = (long long)(n + 1023) << 52;
  double scale;
  __builtin_memcpy(&scale, &bits, 8);
  return sum * scale;
}

// log(1 + e) for e in [0, 1] as 2·atanh(e/(2 + e)), a series in s² ≤ 1/9.
static double log1p_unit(double e) {
  double s = e / (2 + e), s2 = s * s, term = s, sum = 0;
  for (int k = 1; k <= 25; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return 2 * sum;
}

static double softplus_d(double p) { return (p > 0 ? p : 0) + log1p_unit(exp_d(p > 0 ? -p : p)); }
static double sigmoid_d(double p) { return p >= 0 ? 1 / (1 + exp_d(-p)) : exp_d(p) / (1 + exp_d(p)); }

// out[r, :] (+)= a[r, :] · w for rows r < R: a R×K, w K×N, out R×N, N % 4 == 0.
// Two rows and 16 columns at a time keep 8 accumulators in registers.
static void gemm_acc(int R, int K, int N, const float* a, const float* w, float* out) {
  int r = 0;
  for (; r + 1 < R; r += 2) {
    const float* a0 = a + r * K;
    const float* a1 = a0 + K;
    float* o0 = out + r * N;
    float* o1 = o0 + N;
    int j = 0;
    for (; j + 16 <= N; j += 16) {
      f4 c00 = wasm_v128_load(o0 + j), c01 = wasm_v128_load(o0 + j + 4), c02 = wasm_v128_load(o0 + j + 8), c03 = wasm_v128_load(o0 + j + 12);
      f4 c10 = wasm_v128_load(o1 + j), c11 = wasm_v128_load(o1 + j + 4), c12 = wasm_v128_load(o1 + j + 8), c13 = wasm_v128_load(o1 + j + 12);
      for (int k = 0; k < K; k++) {
        const float* wk = w + k * N + j;
        f4 w0 = wasm_v128_load(wk), w1 = wasm_v128_load(wk + 4), w2 = wasm_v128_load(wk + 8), w3 = wasm_v128_load(wk + 12);
        f4 s0 = wasm_f32x4_splat(a0[k]), s1 = wasm_f32x4_splat(a1[k]);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(s0, w0));
        c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(s0, w1));
        c02 = wasm_f32x4_add(c02, wasm_f32x4_mul(s0, w2));
        c03 = wasm_f32x4_add(c03, wasm_f32x4_mul(s0, w3));
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(s1, w0));
        c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(s1, w1));
        c12 = wasm_f32x4_add(c12, wasm_f32x4_mul(s1, w2));
        c13 = wasm_f32x4_add(c13, wasm_f32x4_mul(s1, w3));
      }
      wasm_v128_store(o0 + j, c00); wasm_v128_store(o0 + j + 4, c01); wasm_v128_store(o0 + j + 8, c02); wasm_v128_store(o0 + j + 12, c03);
      wasm_v128_store(o1 + j, c10); wasm_v128_store(o1 + j + 4, c11); wasm_v128_store(o1 + j + 8, c12); wasm_v128_store(o1 + j + 12, c13);
    }
    for (; j < N; j += 4) {
      f4 c0 = wasm_v128_load(o0 + j), c1 = wasm_v128_load(o1 + j);
      for (int k = 0; k < K; k++) {
        f4 wv = wasm_v128_load(w + k * N + j);
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_f32x4_splat(a0[k]), wv));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(wasm_f32x4_splat(a1[k]), wv));
      }
      wasm_v128_store(o0 + j, c0);
      wasm_v128_store(o1 + j, c1);
    }
  }
  for (; r < R; r++) {
    const float* a0 = a + r * K;
    float* o0 = out + r * N;
    for (int j = 0; j < N; j += 4) {
      f4 c0 = wasm_v128_load(o0 + j);
      for (int k = 0; k < K; k++) c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_f32x4_splat(a0[k]), wasm_v128_load(w + k * N + j)));
      wasm_v128_store(o0 + j, c0);
    }
  }
}

// out[k, :] += Σ_r a[r, k]·d[r, :]: a R×K, d R×N, out K×N (the weight gradient aᵀ·d), N % 4 == 0.
// Two k and 16 columns at a time: each row of d, loaded once, feeds 8 accumulators.
static void gemm_tn_acc(int R, int K, int N, const float* a, const float* d, float* out) {
  int k = 0;
  for (; k + 1 < K; k += 2) {
    float* o0 = out + k * N;
    float* o1 = o0 + N;
    int j = 0;
    for (; j + 16 <= N; j += 16) {
      f4 c00 = wasm_v128_load(o0 + j), c01 = wasm_v128_load(o0 + j + 4), c02 = wasm_v128_load(o0 + j + 8), c03 = wasm_v128_load(o0 + j + 12);
      f4 c10 = wasm_v128_load(o1 + j), c11 = wasm_v128_load(o1 + j + 4), c12 = wasm_v128_load(o1 + j + 8), c13 = wasm_v128_load(o1 + j + 12);
      for (int r = 0; r < R; r++) {
        f4 s0 = wasm_f32x4_splat(a[r * K + k]), s1 = wasm_f32x4_splat(a[r * K + k + 1]);
        const float* dr = d + r * N + j;
        f4 d0 = wasm_v128_load(dr), d1 = wasm_v128_load(dr + 4), d2 = wasm_v128_load(dr + 8), d3 = wasm_v128_load(dr + 12);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(s0, d0));
        c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(s0, d1));
        c02 = wasm_f32x4_add(c02, wasm_f32x4_mul(s0, d2));
        c03 = wasm_f32x4_add(c03, wasm_f32x4_mul(s0, d3));
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(s1, d0));
        c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(s1, d1));
        c12 = wasm_f32x4_add(c12, wasm_f32x4_mul(s1, d2));
        c13 = wasm_f32x4_add(c13, wasm_f32x4_mul(s1, d3));
      }
      wasm_v128_store(o0 + j, c00); wasm_v128_store(o0 + j + 4, c01); wasm_v128_store(o0 + j + 8, c02); wasm_v128_store(o0 + j + 12, c03);
      wasm_v128_store(o1 + j, c10); wasm_v128_store(o1 + j + 4, c11); wasm_v128_store(o1 + j + 8, c12); wasm_v128_store(o1 + j + 12, c13);
    }
    for (; j < N; j += 4) {
      f4 c0 = wasm_v128_load(o0 + j), c1 = wasm_v128_load(o1 + j);
      for (int r = 0; r < R; r++) {
        f4 dv = wasm_v128_load(d + r * N + j);
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_f32x4_splat(a[r * K + k]), dv));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(wasm_f32x4_splat(a[r * K + k + 1]), dv));
      }
      wasm_v128_store(o0 + j, c0);
      wasm_v128_store(o1 + j, c1);
    }
  }
  for (; k < K; k++) {
    float* ok = out + k * N;
    for (int j = 0; j < N; j += 4) {
      f4 c0 = wasm_v128_load(ok + j);
      for (int r = 0; r < R; r++) c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_f32x4_splat(a[r * K + k]), wasm_v128_load(d + r * N + j)));
      wasm_v128_store(ok + j, c0);
    }
  }
}

static inline float hsum(f4 v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

// out[r, k] = Σ_j d[r, j]·w[k, j]: d R×N, w K×N, out R×K (the input gradient d·wᵀ), N % 4 == 0.
// Four k at a time: each load of d feeds four dot products.
static void gemm_nt(int R, int K, int N, const float* d, const float* w, float* out) {
  for (int r = 0; r < R; r++) {
    const float* dr = d + r * N;
    int k = 0;
    for (; k + 3 < K; k += 4) {
      const float* w0 = w + k * N;
      const float* w1 = w0 + N;
      const float* w2 = w1 + N;
      const float* w3 = w2 + N;
      f4 c0 = wasm_f32x4_splat(0), c1 = wasm_f32x4_splat(0), c2 = wasm_f32x4_splat(0), c3 = wasm_f32x4_splat(0);
      for (int j = 0; j < N; j += 4) {
        f4 dv = wasm_v128_load(dr + j);
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(dv, wasm_v128_load(w0 + j)));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(dv, wasm_v128_load(w1 + j)));
        c2 = wasm_f32x4_add(c2, wasm_f32x4_mul(dv, wasm_v128_load(w2 + j)));
        c3 = wasm_f32x4_add(c3, wasm_f32x4_mul(dv, wasm_v128_load(w3 + j)));
      }
      out[r * K + k] = hsum(c0);
      out[r * K + k + 1] = hsum(c1);
      out[r * K + k + 2] = hsum(c2);
      out[r * K + k + 3] = hsum(c3);
    }
    for (; k < K; k++) {
      f4 c0 = wasm_f32x4_splat(0);
      for (int j = 0; j < N; j += 4) c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_v128_load(dr + j), wasm_v128_load(w + k * N + j)));
      out[r * K + k] = hsum(c0);
    }
  }
}

/**
 * Forward over the window. x B×W; wx G (input weights, one input feature); wh H×G; bias G;
 * wo H×O; bo O. Keeps for the backward: acts W×B×G (i, f, g, o after their nonlinearities),
 * cs (W+1)×B×H and hs (W+1)×B×H (index 0 the zero initial state), tcs W×B×H (tanh c_t);
 * writes pre B×O (head before softplus) and y B×O.
 */
__attribute__((export_name("lstm_forward")))
void lstm_forward(int B, int W, int H, int O, const float* x, const float* wx, const float* wh, const float* bias,
                  const float* wo, const float* bo, float* acts, float* cs, float* hs, float* tcs, float* pre, float* y) {
  const int G = 4 * H, BH = B * H, BG = B * G;
  for (int k = 0; k < BH; k++) cs[k] = hs[k] = 0;
  for (int t = 0; t < W; t++) {
    float* z = acts + t * BG;
    const float* hp = hs + t * BH;
    const float* cp = cs + t * BH;
    float* hn = hs + (t + 1) * BH;
    float* cn = cs + (t + 1) * BH;
    float* tc = tcs + t * BH;
    for (int b = 0; b < B; b++) {
      f4 xv = wasm_f32x4_splat(x[b * W + t]);
      for (int j = 0; j < G; j += 4) wasm_v128_store(z + b * G + j, wasm_f32x4_add(wasm_v128_load(bias + j), wasm_f32x4_mul(xv, wasm_v128_load(wx + j))));
    }
    gemm_acc(B, H, G, hp, wh, z);
    for (int b = 0; b < B; b++) {
      float* zb = z + b * G;
      int j = 0;
      // The gates as 4-lane blocks; H need not be a multiple of 4, so the tail is scalar-by-lane.
      for (; j + 4 <= H; j += 4) {
        f4 i = sigmoid4(wasm_v128_load(zb + j));
        f4 f = sigmoid4(wasm_v128_load(zb + H + j));
        f4 g = tanh4(wasm_v128_load(zb + 2 * H + j));
        f4 o = sigmoid4(wasm_v128_load(zb + 3 * H + j));
        wasm_v128_store(zb + j, i); wasm_v128_store(zb + H + j, f); wasm_v128_store(zb + 2 * H + j, g); wasm_v128_store(zb + 3 * H + j, o);
        f4 c = wasm_f32x4_add(wasm_f32x4_mul(f, wasm_v128_load(cp + b * H + j)), wasm_f32x4_mul(i, g));
        f4 tcv = tanh4(c);
        wasm_v128_store(cn + b * H + j, c);
        wasm_v128_store(tc + b * H + j, tcv);
        wasm_v128_store(hn + b * H + j, wasm_f32x4_mul(o, tcv));
      }
      for (; j < H; j++) {
        f4 i = sigmoid4(wasm_f32x4_splat(zb[j]));
        f4 f = sigmoid4(wasm_f32x4_splat(zb[H + j]));
        f4 g = tanh4(wasm_f32x4_splat(zb[2 * H + j]));
        f4 o = sigmoid4(wasm_f32x4_splat(zb[3 * H + j]));
        float iv = wasm_f32x4_extract_lane(i, 0), fv = wasm_f32x4_extract_lane(f, 0), gv = wasm_f32x4_extract_lane(g, 0), ov = wasm_f32x4_extract_lane(o, 0);
        zb[j] = iv; zb[H + j] = fv; zb[2 * H + j] = gv; zb[3 * H + j] = ov;
        float c = fv * cp[b * H + j] + iv * gv;
        float tcv = wasm_f32x4_extract_lane(tanh4(wasm_f32x4_splat(c)), 0);
        cn[b * H + j] = c;
        tc[b * H + j] = tcv;
        hn[b * H + j] = ov * tcv;
      }
    }
  }
  const float* hw = hs + W * BH;
  for (int b = 0; b < B; b++) {
    for (int o = 0; o < O; o++) {
      double s = bo[o];
      for (int k = 0; k < H; k++) s += (double)hw[b * H + k] * wo[k * O + o];
      pre[b * O + o] = (float)s;
      y[b * O + o] = (float)softplus_d(s);
    }
  }
}

/**
 * Backward of {@link lstm_forward} for an upstream dy (B×O), from the buffers it kept. Writes
 * (overwrites) dx B×W, dwx G, dwh H×G, db G, dwo H×O, dbo O; scratch: dz B×G, dh B×H, dc B×H.
 */
__attribute__((export_name("lstm_backward")))
void lstm_backward(int B, int W, int H, int O, const float* x, const float* wx, const float* wh, const float* wo,
                   const float* acts, const float* cs, const float* hs, const float* tcs, const float* pre, const float* dy,
                   float* dx, float* dwx, float* dwh, float* db, float* dwo, float* dbo, float* dz, float* dh, float* dc) {
  const int G = 4 * H, BH = B * H, BG = B * G;
  for (int k = 0; k < G; k++) dwx[k] = db[k] = 0;
  for (int k = 0; k < H * G; k++) dwh[k] = 0;
  for (int k = 0; k < BH; k++) dc[k] = 0;
  const float* hw = hs + W * BH;
  for (int o = 0; o < O; o++) dbo[o] = 0;
  for (int k = 0; k < H * O; k++) dwo[k] = 0;
  for (int b = 0; b < B; b++) {
    for (int k = 0; k < H; k++) dh[b * H + k] = 0;
    for (int o = 0; o < O; o++) {
      float dp = (float)(dy[b * O + o] * sigmoid_d(pre[b * O + o]));
      dbo[o] += dp;
      for (int k = 0; k < H; k++) {
        dwo[k * O + o] += hw[b * H + k] * dp;
        dh[b * H + k] += dp * wo[k * O + o];
      }
    }
  }
  const f4 one = wasm_f32x4_splat(1.0f);
  for (int t = W - 1; t >= 0; t--) {
    const float* a = acts + t * BG;
    const float* cp = cs + t * BH;
    const float* tc = tcs + t * BH;
    for (int b = 0; b < B; b++) {
      const float* ab = a + b * G;
      float* dzb = dz + b * G;
      int j = 0;
      for (; j + 4 <= H; j += 4) {
        f4 i = wasm_v128_load(ab + j), f = wasm_v128_load(ab + H + j), g = wasm_v128_load(ab + 2 * H + j), o = wasm_v128_load(ab + 3 * H + j);
        f4 tcv = wasm_v128_load(tc + b * H + j), dhv = wasm_v128_load(dh + b * H + j);
        f4 dcv = wasm_f32x4_add(wasm_v128_load(dc + b * H + j), wasm_f32x4_mul(wasm_f32x4_mul(dhv, o), wasm_f32x4_sub(one, wasm_f32x4_mul(tcv, tcv))));
        wasm_v128_store(dzb + j, wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_mul(dcv, g), i), wasm_f32x4_sub(one, i)));
        wasm_v128_store(dzb + H + j, wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_mul(dcv, wasm_v128_load(cp + b * H + j)), f), wasm_f32x4_sub(one, f)));
        wasm_v128_store(dzb + 2 * H + j, wasm_f32x4_mul(wasm_f32x4_mul(dcv, i), wasm_f32x4_sub(one, wasm_f32x4_mul(g, g))));
        wasm_v128_store(dzb + 3 * H + j, wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_mul(dhv, tcv), o), wasm_f32x4_sub(one, o)));
        wasm_v128_store(dc + b * H + j, wasm_f32x4_mul(dcv, f));
      }
      for (; j < H; j++) {
        float i = ab[j], f = ab[H + j], g = ab[2 * H + j], o = ab[3 * H + j];
        float tcv = tc[b * H + j], dhv = dh[b * H + j];
        float dcv = dc[b * H + j] + dhv * o * (1 - tcv * tcv);
        dzb[j] = dcv * g * i * (1 - i);
        dzb[H + j] = dcv * cp[b * H + j] * f * (1 - f);
        dzb[2 * H + j] = dcv * i * (1 - g * g);
        dzb[3 * H + j] = dhv * tcv * o * (1 - o);
        dc[b * H + j] = dcv * f;
      }
      f4 xv = wasm_f32x4_splat(x[b * W + t]);
      f4 dxs = wasm_f32x4_splat(0);
      for (int j = 0; j < G; j += 4) {
        f4 d = wasm_v128_load(dzb + j);
        wasm_v128_store(db + j, wasm_f32x4_add(wasm_v128_load(db + j), d));
        wasm_v128_store(dwx + j, wasm_f32x4_add(wasm_v128_load(dwx + j), wasm_f32x4_mul(xv, d)));
        dxs = wasm_f32x4_add(dxs, wasm_f32x4_mul(d, wasm_v128_load(wx + j)));
      }
      dx[b * W + t] = hsum(dxs);
    }
    gemm_tn_acc(B, H, G, hs + t * BH, dz, dwh);
    if (t > 0) gemm_nt(B, H, G, dz, wh, dh);
  }
}
