/* coba_floor.c — "the floor": a fused, single-threaded C loop of exactly the kernel's spec COBA
 * network (specs/kernel.md reference network 1; src/Theory.Experiments/Networks/CobaSimulation.cs
 * with LifConductance's forward Euler), to measure how far the C# kernel is from hand-written C.
 *
 *   usage: coba_floor [N=4000] [T_SECONDS=10] [SEED=1] [MODE=fused|ring]
 *   prints one key=value line: n t seed synapses spikes rate_hz build_s run_s (wall, loop only)
 *          cpu_s (process CPU time of the loop) ns_per_neuron_step
 *
 * Model (SI units, float32 state, as the kernel): C dV/dt = g_L(E_L − V) + g_e(E_e − V) + g_i(E_i − V),
 * C = 200 pF, g_L = 10 nS, E_L = −60 mV, E_e = 0, E_i = −80 mV, θ = −50 mV, V_r = −60 mV, τ_ref = 5 ms
 * (50 steps, V clamped while g keeps decaying), g_x ← g_x (1 − dt/τ_x), τ_e = 5 ms, τ_i = 10 ms,
 * dt = 0.1 ms. The first 80 % excitatory; every ordered pair (autapses allowed) connected with
 * p = 0.02·4000/N; a spike adds 0.6 g_L to g_e or 6.7 g_L to g_i of its targets in the same step,
 * after the decay, so it acts on V from the next step (the kernel's and Brian2's schedule).
 * V(0) ~ N(−65, 5) mV, g_e(0) ~ N(4, 1.5) g_L, g_i(0) ~ N(20, 12) g_L.
 * Connectivity in CSR (4-byte targets, one weight per projection), built with its own RNG
 * (splitmix64 + geometric gaps), so the network is statistically, not bitwise, the kernel's.
 * One step: one fused pass over the neurons (Euler update, decay, threshold, spike indices
 * compressed into a list — AVX-512 intrinsics when compiled for it, AVX2 intrinsics (eight lanes, spike
 * lanes from the compare mask's bits) on AVX2-only machines, else a plain loop), then
 * delivery of this step's spikes straight into g_e/g_i, then reset.
 *
 * MODE=ring does the work the kernel must do to stay bit-identical at any thread count and delay:
 * delivery adds into input buffers (one per channel, the kernel's ring slot for a delay of one step)
 * that the next fused pass adds to g_e/g_i and clears (so the sum g + (w1 + w2 + ...) is formed in
 * the kernel's order), the pass also checks |V| < 1 V (divergence) and the step's spikes are counted
 * into a per-step array (the benchmark's rate monitor). The fused mode adds each weight straight into
 * g: less memory traffic, but a summation order that depends on the delivery order.
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

static uint64_t rs;
static uint64_t next64(void) {           /* splitmix64 */
    uint64_t z = (rs += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static double uniform(void) { return ((next64() >> 11) + 0.5) * (1.0 / 9007199254740992.0); } /* (0,1) */
static double normal(void) { return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform()); }

static double now(clockid_t c) { struct timespec t; clock_gettime(c, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

typedef struct { int32_t *row; int32_t *tgt; int64_t count; } csr_t;

/* rows [pre0, pre1) of a Bernoulli(p) matrix onto n targets, geometric gaps between hits */
static csr_t bernoulli(int npre, int n, double p) {
    csr_t c; int64_t cap = (int64_t)(npre * (double)n * p * 1.1) + 1024;
    c.row = malloc(sizeof(int32_t) * (npre + 1)); c.tgt = malloc(sizeof(int32_t) * cap); c.count = 0;
    double lq = log1p(-p);
    for (int i = 0; i < npre; i++) {
        c.row[i] = (int32_t)c.count;
        for (double j = -1;;) {
            j += 1 + floor(log(uniform()) / lq);
            if (j >= n) break;
            if (c.count == cap) { cap *= 2; c.tgt = realloc(c.tgt, sizeof(int32_t) * cap); }
            c.tgt[c.count++] = (int32_t)j;
        }
    }
    c.row[npre] = (int32_t)c.count;
    return c;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 4000;
    double T = argc > 2 ? atof(argv[2]) : 10.0;
    uint64_t seed = argc > 3 ? strtoull(argv[3], 0, 10) : 1;
    int ring = argc > 4 && strcmp(argv[4], "ring") == 0;
    if (argc > 4 && !ring && strcmp(argv[4], "fused") != 0) { fprintf(stderr, "bad MODE: fused or ring\n"); return 2; }
    if (n < 10 || n > 4000000 || !(T > 0) || T > 1000) { fprintf(stderr, "bad arguments: N in [10, 4e6], T in (0, 1000]\n"); return 2; }
    rs = seed * 0x2545F4914F6CDD1Dull + 1;
    const double dt = 1e-4, C = 200e-12, gLd = 10e-9;
    const int ne = (int)(0.8 * n), steps = (int)llround(T / dt), refr = 50;
    const double p = fmin(1.0, 0.02 * 4000 / n);
    int np = (n + 15) / 16 * 16;          /* padded, padding lanes never spike */

    double t0 = now(CLOCK_MONOTONIC);
    float *v = aligned_alloc(64, sizeof(float) * np), *ge = aligned_alloc(64, sizeof(float) * np),
          *gi = aligned_alloc(64, sizeof(float) * np);
    int32_t *until = aligned_alloc(64, sizeof(int32_t) * np), *spk = aligned_alloc(64, sizeof(int32_t) * (np + 16));
    float *ine = aligned_alloc(64, sizeof(float) * np), *ini = aligned_alloc(64, sizeof(float) * np);
    memset(ine, 0, sizeof(float) * np); memset(ini, 0, sizeof(float) * np);
    int32_t *counts = calloc((size_t)llround(T / dt) + 1, sizeof(int32_t));
    int diverged = 0;
    for (int i = 0; i < np; i++) {
        int real = i < n;
        v[i] = real ? (float)(-0.065 + 0.005 * normal()) : -0.06f;
        ge[i] = real ? (float)(gLd * (4 + 1.5 * normal())) : 0;
        gi[i] = real ? (float)(gLd * (20 + 12 * normal())) : 0;
        until[i] = real ? 0 : INT32_MAX;
    }
    csr_t ce = bernoulli(ne, n, p), ci = bernoulli(n - ne, n, p);
    double build = now(CLOCK_MONOTONIC) - t0;

    const float k0 = (float)(dt / C), gL = (float)gLd, eL = -0.060f, eE = 0.0f, eI = -0.080f,
                de = (float)(1 - dt / 0.005), di = (float)(1 - dt / 0.010), theta = -0.050f, vr = -0.060f,
                we = (float)(0.6 * gLd), wi = (float)(6.7 * gLd);
    long long spikes = 0;
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (int step = 0; step < steps; step++) {
        int ns = 0;
#ifdef __AVX512F__
        const __m512 K0 = _mm512_set1_ps(k0), GL = _mm512_set1_ps(gL), EL = _mm512_set1_ps(eL), EE = _mm512_set1_ps(eE),
                     EI = _mm512_set1_ps(eI), DE = _mm512_set1_ps(de), DI = _mm512_set1_ps(di), TH = _mm512_set1_ps(theta);
        const __m512i NOW = _mm512_set1_epi32(step), IDX0 = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        if (ring) {
          const __m512 BOUND = _mm512_set1_ps(1.0f), Z = _mm512_setzero_ps();
          __mmask16 ok = 0xFFFF;
          for (int i = 0; i < np; i += 16) {
            __m512 vk = _mm512_load_ps(v + i);
            __m512 gek = _mm512_add_ps(_mm512_load_ps(ge + i), _mm512_load_ps(ine + i));
            __m512 gik = _mm512_add_ps(_mm512_load_ps(gi + i), _mm512_load_ps(ini + i));
            _mm512_store_ps(ine + i, Z); _mm512_store_ps(ini + i, Z);
            __mmask16 act = _mm512_cmple_epi32_mask(_mm512_load_si512(until + i), NOW);
            __m512 in = _mm512_mul_ps(GL, _mm512_sub_ps(EL, vk));
            in = _mm512_add_ps(in, _mm512_mul_ps(gek, _mm512_sub_ps(EE, vk)));
            in = _mm512_add_ps(in, _mm512_mul_ps(gik, _mm512_sub_ps(EI, vk)));
            vk = _mm512_mask_add_ps(vk, act, vk, _mm512_mul_ps(K0, in));
            _mm512_store_ps(v + i, vk);
            _mm512_store_ps(ge + i, _mm512_mul_ps(gek, DE));
            _mm512_store_ps(gi + i, _mm512_mul_ps(gik, DI));
            ok &= _mm512_cmp_ps_mask(_mm512_abs_ps(vk), BOUND, _CMP_LT_OQ);
            __mmask16 s = _mm512_mask_cmp_ps_mask(act, vk, TH, _CMP_GT_OQ);
            if (s) {
                _mm512_mask_compressstoreu_epi32(spk + ns, s, _mm512_add_epi32(IDX0, _mm512_set1_epi32(i)));
                ns += __builtin_popcount(s);
            }
          }
          diverged |= ok != 0xFFFF;
        } else
        for (int i = 0; i < np; i += 16) {
            __m512 vk = _mm512_load_ps(v + i), gek = _mm512_load_ps(ge + i), gik = _mm512_load_ps(gi + i);
            __mmask16 act = _mm512_cmple_epi32_mask(_mm512_load_si512(until + i), NOW);
            __m512 in = _mm512_mul_ps(GL, _mm512_sub_ps(EL, vk));
            in = _mm512_add_ps(in, _mm512_mul_ps(gek, _mm512_sub_ps(EE, vk)));
            in = _mm512_add_ps(in, _mm512_mul_ps(gik, _mm512_sub_ps(EI, vk)));
            vk = _mm512_mask_add_ps(vk, act, vk, _mm512_mul_ps(K0, in));
            _mm512_store_ps(v + i, vk);
            _mm512_store_ps(ge + i, _mm512_mul_ps(gek, DE));
            _mm512_store_ps(gi + i, _mm512_mul_ps(gik, DI));
            __mmask16 s = _mm512_mask_cmp_ps_mask(act, vk, TH, _CMP_GT_OQ);
            if (s) {
                _mm512_mask_compressstoreu_epi32(spk + ns, s, _mm512_add_epi32(IDX0, _mm512_set1_epi32(i)));
                ns += __builtin_popcount(s);
            }
        }
#elif defined(__AVX2__)
        /* eight lanes (AVX2 machines, e.g. Zen 3): the same operations; spike lanes from the compare mask's bits */
        const __m256 K0 = _mm256_set1_ps(k0), GL = _mm256_set1_ps(gL), EL = _mm256_set1_ps(eL), EE = _mm256_set1_ps(eE),
                     EI = _mm256_set1_ps(eI), DE = _mm256_set1_ps(de), DI = _mm256_set1_ps(di), TH = _mm256_set1_ps(theta);
        const __m256i NOW = _mm256_set1_epi32(step);
        const __m256 BOUND = _mm256_set1_ps(1.0f), Z = _mm256_setzero_ps(), ABS = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
        int okbits = 0xFF;
        for (int i = 0; i < np; i += 8) {
            __m256 vk = _mm256_load_ps(v + i), gek = _mm256_load_ps(ge + i), gik = _mm256_load_ps(gi + i);
            if (ring) {
                gek = _mm256_add_ps(gek, _mm256_load_ps(ine + i)); gik = _mm256_add_ps(gik, _mm256_load_ps(ini + i));
                _mm256_store_ps(ine + i, Z); _mm256_store_ps(ini + i, Z);
            }
            /* until <= now  <=>  !(until > now) */
            __m256 act = _mm256_castsi256_ps(_mm256_xor_si256(_mm256_cmpgt_epi32(_mm256_load_si256((const __m256i *)(until + i)), NOW), _mm256_set1_epi32(-1)));
            __m256 in = _mm256_mul_ps(GL, _mm256_sub_ps(EL, vk));
            in = _mm256_add_ps(in, _mm256_mul_ps(gek, _mm256_sub_ps(EE, vk)));
            in = _mm256_add_ps(in, _mm256_mul_ps(gik, _mm256_sub_ps(EI, vk)));
            vk = _mm256_blendv_ps(vk, _mm256_add_ps(vk, _mm256_mul_ps(K0, in)), act);
            _mm256_store_ps(v + i, vk);
            _mm256_store_ps(ge + i, _mm256_mul_ps(gek, DE));
            _mm256_store_ps(gi + i, _mm256_mul_ps(gik, DI));
            if (ring) okbits &= _mm256_movemask_ps(_mm256_cmp_ps(_mm256_and_ps(vk, ABS), BOUND, _CMP_LT_OQ));
            unsigned m = (unsigned)_mm256_movemask_ps(_mm256_and_ps(act, _mm256_cmp_ps(vk, TH, _CMP_GT_OQ)));
            while (m) { spk[ns++] = i + __builtin_ctz(m); m &= m - 1; }
        }
        diverged |= ring && okbits != 0xFF;
#else
        for (int i = 0; i < np; i++) {
            float vk = v[i], gek = ge[i], gik = gi[i];
            if (ring) { gek += ine[i]; gik += ini[i]; ine[i] = 0; ini[i] = 0; diverged |= !(fabsf(vk) < 1.0f); }
            int act = until[i] <= step;
            float nx = vk + k0 * (gL * (eL - vk) + gek * (eE - vk) + gik * (eI - vk));
            vk = act ? nx : vk;
            v[i] = vk; ge[i] = gek * de; gi[i] = gik * di;
            spk[ns] = i; ns += act & (vk > theta);
        }
#endif
        if (ring) {
            for (int s = 0; s < ns; s++) {
                int i = spk[s];
                if (i < ne) { const int32_t *t = ce.tgt + ce.row[i], *e = ce.tgt + ce.row[i + 1]; for (; t < e; t++) ine[*t] += we; }
                else { int r = i - ne; const int32_t *t = ci.tgt + ci.row[r], *e = ci.tgt + ci.row[r + 1]; for (; t < e; t++) ini[*t] += wi; }
                v[i] = vr; until[i] = step + refr;
            }
            counts[step] = ns;
        } else
        for (int s = 0; s < ns; s++) {
            int i = spk[s];
            if (i < ne) { const int32_t *t = ce.tgt + ce.row[i], *e = ce.tgt + ce.row[i + 1]; for (; t < e; t++) ge[*t] += we; }
            else { int r = i - ne; const int32_t *t = ci.tgt + ci.row[r], *e = ci.tgt + ci.row[r + 1]; for (; t < e; t++) gi[*t] += wi; }
            v[i] = vr; until[i] = step + refr;
        }
        spikes += ns;
    }
    double run = now(CLOCK_MONOTONIC) - w0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (diverged) { fprintf(stderr, "diverged\n"); return 1; }
    printf("mode=%s n=%d t=%g seed=%llu simd=%s synapses=%lld spikes=%lld rate_hz=%.4f build_s=%.4f run_s=%.4f cpu_s=%.4f ns_per_neuron_step=%.3f\n",
           ring ? "ring" : "fused", n, T, (unsigned long long)seed,
#ifdef __AVX512F__
           "avx512",
#elif defined(__AVX2__)
           "avx2",
#else
           "scalar",
#endif
           (long long)(ce.count + ci.count), spikes, spikes / (n * T), build, run, cpu, 1e9 * run / ((double)n * steps));
    return 0;
}
