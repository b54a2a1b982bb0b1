#!/usr/bin/python3
"""Reference rates and interspike intervals of the metabolic spiking neuron (Chintaluri & Vogels
2023, Fig. 2, RET case) on a grid of 10 demands x 10 spike quanta for several (refractory, rise)
pairs, from an independent numpy implementation (mito_model.py) of the paper's algorithm
(fig2.ret_run_sim), all grid cells stepped together as arrays:

  per step (dt = 0.01 ms): load L = q * sum_k Q(t - t_k) (kernel Q(t) = 1/(e^{(t-1)/100} + 30 e^{-(t-3)/rise}),
  t in ms, normalised by its maximum on the 0.01 ms grid over [0, 1000) ms and stored in float32);
  ANT factor f = 1 + 10 erf(10 (ATP - (ATP0 - L))); extra leak 1e-3 L; forward Euler of the model;
  R += (R_inf(ATP, psi) - R)/tau_R dt; MS = R (ATP - 0.71218258); a spike when MS > 0.025 and the
  refractory flag is clear, with the code's own refractory bookkeeping (elapsed accumulated in
  floating point in ms: `if elapsed < refrac: elapsed += dt else: spiked = False`).
  The spike's cost starts with the next step. Start: the fixed point of the demand (scipy fsolve), R = R_inf there.

Columns: refrac_ms, rise_ms, demand, quantum, spikes (whole run), spikes_late (t >= transient),
rate_hz (spikes_late / (duration - transient)), min_isi_steps, first_step (step index, 1-based as
the C# Time/dt), mean_isi_ms (late spikes; NaN if fewer than 2).
Regenerate (a few minutes per pair; arguments refrac:rise select other pairs): /usr/bin/python3 gen_metabolic_neuron.py > metabolic_neuron_reference.csv"""
import sys
import numpy as np
from scipy.special import erf
import mito_model as m

DT = 1e-5          # s
DURATION, TRANSIENT = 1.2, 0.2
DEMANDS = [2.0, 4.0, 6.0, 8.0, 12.0, 16.0, 20.0, 25.0, 30.0, 35.0]
QUANTA = [0.01, 0.02, 0.03, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2]
PAIRS = [(6.0, 5.0), (2.0, 3.0)]   # (refractory ms, rise ms)


def kernel(rise_ms, n):
    t = np.arange(n) * 0.01                              # ms
    v = 1.0 / (np.exp((t - 1.0) / 100.0) + 30.0 * np.exp(-(t - 3.0) / rise_ms))
    return (v / v.max()).astype(np.float32).astype(np.float64)


def run_pair(refrac_ms, rise_ms, steady):
    b = np.repeat(DEMANDS, len(QUANTA))
    q = np.tile(QUANTA, len(DEMANDS))
    C = b.size
    x = np.stack([steady[d] for d in b], axis=1)         # (8, C)
    atp0 = x[6].copy()
    kant = b / m.atp_range
    tau_r = m.ros_tau(b)
    R = m.ros_inf(x[6], m.psi_norm(x[7]))
    dtau = m.rate_scale * DT
    nsteps = int(round(DURATION / DT))
    K = kernel(rise_ms, int(round(1.0 / DT)))
    L = K.size
    ring = np.zeros((C, L))
    spiked = np.zeros(C, bool)
    elapsed = np.zeros(C)
    dt_ms = 0.01
    spikes = [[] for _ in range(C)]
    for i in range(nsteps):
        if i % 20000 == 0:
            print("pair", refrac_ms, rise_ms, "step", i, file=sys.stderr, flush=True)
        s = i                                           # the step counter before this advance
        load = q * ring[:, s % L]
        ring[:, s % L] = 0.0
        f = 1.0 + 10.0 * erf(10.0 * (x[6] - (atp0 - load)))
        x = x + m.rhs(x, kant, 1e-3 * load, f) * dtau
        R = R + (m.ros_inf(x[6], m.psi_norm(x[7])) - R) / tau_r * DT
        ms = R * (x[6] - 0.71218258)
        fire = (ms > 0.025) & ~spiked
        # the code's bookkeeping for the cells that do not spike now
        rest = ~fire
        inc = rest & (elapsed < refrac_ms)
        elapsed[inc] += dt_ms
        spiked[rest & ~inc] = False
        if fire.any():
            spiked[fire] = True
            elapsed[fire] = 0.0
            start = (s + 1) % L                          # cost from the next step (age 0)
            for c in np.nonzero(fire)[0]:
                spikes[c].append(s + 1)
                ring[c, start:] += K[:L - start]
                if start > 0:
                    ring[c, :start] += K[L - start:]
    rows = []
    for c in range(C):
        st = np.array(spikes[c], dtype=np.int64)
        late = st[st * DT >= TRANSIENT - 1e-12] if st.size else st
        isi = np.diff(st)
        rows.append((refrac_ms, rise_ms, b[c], q[c], st.size, late.size, late.size / (DURATION - TRANSIENT),
                     int(isi.min()) if isi.size else -1, int(st[0]) if st.size else -1,
                     float(np.diff(late).mean() * DT * 1e3) if late.size > 1 else float("nan")))
    return rows


def main():
    steady = {d: m.steady_state(d) for d in DEMANDS}
    print("# gen_metabolic_neuron.py (numpy %s): dt = %g s, duration %g s, transient %g s" % (np.__version__, DT, DURATION, TRANSIENT))
    print("refrac_ms,rise_ms,demand,quantum,spikes,spikes_late,rate_hz,min_isi_steps,first_step,mean_isi_ms")
    pairs = PAIRS if len(sys.argv) < 2 else [tuple(map(float, a.split(":"))) for a in sys.argv[1:]]
    for r, rise in pairs:
        for row in run_pair(r, rise, steady):
            print("%g,%g,%g,%g,%d,%d,%.17g,%d,%d,%.17g" % row)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
