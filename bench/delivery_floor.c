/* The delivery floor: what static spike delivery costs on this machine when written as plainly as C allows,
 * for the network of `theory bench delivery` (src/Theory.Cli/KernelBench.cs): N source neurons firing
 * regularly at 20 Hz with spread phases (dt = 0.1 ms, period 500 steps, so N/500 spikes per step in neuron
 * order), each projecting to a Bernoulli(p = K/N) set of the N target neurons (rows sorted by target, as the
 * kernel stores them), homogeneous weight, into one input buffer of the targets consumed by the next step.
 * Every step streams the state the kernel streams for these two LIF populations (sources: V, refractory
 * step, current; targets: V, refractory step, the input buffer, which the pass adds to V and clears) with
 * 16-float vectors the compiler forms, then scatters the step's spikes: slot[t] += w along each row.
 * The run is timed with and without the scatter (interleaved, REPS each, medians); the difference over the
 * number of delivered events is the floor per event (the kernel's `ns_per_event` is measured the same way).
 *   usage: delivery_floor [N=64000] [K=80] [T_SECONDS=1] [REPS=5] [SEED=1]
 *   prints one line: n=… out_degree=… events=… with_s=… without_s=… ns_per_event=…
 * Build: gcc -O3 -march=native -std=c11 -o delivery_floor delivery_floor.c -lm (bench/floor.sh's flags). */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rs;
static double uniform(void) { /* xorshift64*, 53 bits */
    rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27;
    return (double)((rs * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-53;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static int *row_start, *targets;
static float *sv, *scur, *tv, *slot;
static int32_t *suntil, *tuntil, *phase, *order, bucket[502];

/* one run of `steps` steps; returns its wall time and adds the delivered events to *events */
static double run(int n, int steps, int deliver, long long *events) {
    const float decay = 0.995f, w = 1e-6f, gain = 0.05f;
    memset(slot, 0, sizeof(float) * n);
    double t0 = now();
    for (int step = 0; step < steps; step++) {
        for (int i = 0; i < n; i++) {            /* sources: V relaxes under its current */
            float v = sv[i] * decay + gain * scur[i];
            sv[i] = suntil[i] <= step ? v : sv[i];
        }
        /* regular spikes: the neurons whose phase comes up this step, in neuron order (bucketed once) */
        int ph = (500 - step % 500) % 500, ns = bucket[ph + 1] - bucket[ph];
        const int32_t *spk = order + bucket[ph];
        for (int i = 0; i < n; i++) {            /* targets: consume and clear the input, integrate */
            float v = tv[i] * decay + slot[i];
            tv[i] = tuntil[i] <= step ? v : tv[i];
            slot[i] = 0.0f;
        }
        if (deliver) {
            for (int s = 0; s < ns; s++) {
                const int *t = targets + row_start[spk[s]], *end = targets + row_start[spk[s] + 1];
                for (; t < end; t++) slot[*t] += w;
            }
            for (int s = 0; s < ns; s++) *events += row_start[spk[s] + 1] - row_start[spk[s]];
        }
    }
    return now() - t0;
}

static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 64000, k = argc > 2 ? atoi(argv[2]) : 80;
    double T = argc > 3 ? atof(argv[3]) : 1.0;
    int reps = argc > 4 ? atoi(argv[4]) : 5;
    rs = (argc > 5 ? strtoull(argv[5], 0, 10) : 1) * 0x9E3779B97F4A7C15ull + 1;
    if (n < 500 || k < 1 || k > n || !(T > 0) || reps < 1) { fprintf(stderr, "bad arguments\n"); return 2; }
    int steps = (int)llround(T / 1e-4);
    double p = (double)k / n, lq = log1p(-p);
    row_start = malloc(sizeof(int) * (n + 1));
    size_t cap = (size_t)n * k + 16 * (size_t)sqrt((double)n * k) + 1024, m = 0;
    targets = malloc(sizeof(int) * cap);
    for (int i = 0; i < n; i++) {                 /* Bernoulli(p) row by geometric skips: ascending targets */
        row_start[i] = (int)m;
        for (long j = -1;;) {
            j += 1 + (long)floor(log(1.0 - uniform()) / lq);
            if (j >= n) break;
            if (m == cap) { cap *= 2; targets = realloc(targets, sizeof(int) * cap); }
            targets[m++] = (int)j;
        }
    }
    row_start[n] = (int)m;
    sv = aligned_alloc(64, sizeof(float) * n); scur = aligned_alloc(64, sizeof(float) * n);
    tv = aligned_alloc(64, sizeof(float) * n); slot = aligned_alloc(64, sizeof(float) * n);
    suntil = aligned_alloc(64, sizeof(int32_t) * n); tuntil = aligned_alloc(64, sizeof(int32_t) * n);
    phase = malloc(sizeof(int32_t) * n); order = malloc(sizeof(int32_t) * n);
    for (int i = 0; i < n; i++) {
        sv[i] = (float)(0.01 * uniform()); scur[i] = 0.021f; tv[i] = 0; suntil[i] = 0; tuntil[i] = 0;
        phase[i] = (int)(500 * uniform());
    }
    for (int i = 0; i < n; i++) bucket[phase[i] + 2]++;   /* counting sort by phase, neuron order kept */
    for (int q = 2; q < 502; q++) bucket[q] += bucket[q - 1];
    for (int i = 0; i < n; i++) order[bucket[phase[i] + 1]++] = i;
    double with[64], without[64];
    long long events = 0, ev;
    if (reps > 64) reps = 64;
    run(n, steps / 10 + 1, 1, &ev); run(n, steps / 10 + 1, 0, &ev); /* warm-up */
    for (int r = 0; r < reps; r++) {
        long long e = 0;
        with[r] = run(n, steps, 1, &e);
        without[r] = run(n, steps, 0, &ev);
        events = e;
    }
    qsort(with, reps, sizeof(double), cmp); qsort(without, reps, sizeof(double), cmp);
    double a = with[reps / 2], b = without[reps / 2];
    volatile float sink = tv[n / 2] + sv[n / 3]; (void)sink;
    printf("n=%d out_degree=%d synapses=%zu steps=%d events=%lld with_s=%.6f without_s=%.6f ns_per_event=%.3f\n",
           n, k, m, steps, events, a, b, 1e9 * (a - b) / (double)events);
    return 0;
}
