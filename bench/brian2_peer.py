#!/usr/bin/python3
"""Brian2 cpp_standalone peers of the two reference networks (specs/kernel.md) for the thread- and
size-scaling tables: the same models as ../shared/peers/coba_brian2.py and brunel_brian2.py, plus
an OpenMP thread count, a network size, and the WALL time of the simulation loop (std::chrono
around network.run, inserted into main.cpp; Brian2's own _last_run_time is process CPU time,
std::clock, which sums over OpenMP threads). Both are printed.

usage: /usr/bin/python3 brian2_peer.py coba   [--n 4000]  [--t 10]  [--threads 1] [--seed 1]
       /usr/bin/python3 brian2_peer.py brunel [--n 12500] [--t 1.2] [--threads 1] [--seed 1] [--g 5] [--ratio 2]
Prints one key=value line: ... run_wall_s (loop wall time) run_cpu_s (Brian2's _last_run_time) ...
--threads 1 builds without OpenMP (openmp_threads = 0); k > 1 sets openmp_threads = k.

COBA: Euler, p = 0.02·4000/N (80 inputs), connect(p=...) (autapses allowed), 0.6/6.7 g_L, no delay.
Brunel model A: N_E = 4N/5, N_I = N/5, fixed in-degree C_E = 1000, C_I = 250 distinct presynaptic
partners without autapses (sampled here with numpy: draw, then redraw duplicates), D = 1.5 ms,
PoissonInput(C_E, ν_ext), synapses stored in presynaptic order (Brian2's fast path).
"""
import argparse, os, time
import numpy as np
from brian2 import (set_device, device, defaultclock, NeuronGroup, Synapses, PoissonInput, SpikeMonitor,
                    run, ms, mV, second, seed as bseed, prefs)

ap = argparse.ArgumentParser()
ap.add_argument("net", choices=["coba", "brunel"])
ap.add_argument("--n", type=int, default=None)
ap.add_argument("--t", type=float, default=None)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--g", type=float, default=5.0)
ap.add_argument("--ratio", type=float, default=2.0)
a = ap.parse_args()
n = a.n or (4000 if a.net == "coba" else 12500)
T = a.t or (10.0 if a.net == "coba" else 1.2)
if not (1 <= a.threads <= 64) or n < 10 or not (T > 0):
    raise SystemExit(f"invalid arguments: threads={a.threads} (1..64), n={n} (>= 10), t={T} (> 0)")

d = f"/tmp/b2peer_{a.net}_{n}_{a.threads}"   # one directory per network: later seeds reuse the compiled code
set_device("cpp_standalone", directory=d, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0 if a.threads == 1 else a.threads
prefs.codegen.cpp.headers += ["<chrono>", "<fstream>"]
bseed(a.seed)
np.random.seed(a.seed)
rng = np.random.default_rng(a.seed)
defaultclock.dt = 0.1 * ms
t_build0 = time.time()

if a.net == "coba":
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Ee, Ei = 60 * mV, -20 * mV
    eqs = """dv/dt = (-v + ge*(Ee - v) + gi*(Ei - v)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : 1
    dgi/dt = -gi / taui : 1"""
    P = NeuronGroup(n, eqs, threshold="v > 10*mV", reset="v = 0*mV", refractory=5 * ms, method="euler")
    ne = int(0.8 * n)
    p = min(1.0, 0.02 * 4000 / n)
    Ce = Synapses(P[:ne], P, on_pre="ge += 0.6")
    Ci = Synapses(P[ne:], P, on_pre="gi += 6.7")
    Ce.connect(p=p)
    Ci.connect(p=p)
    P.v = "(randn()*5 - 5)*mV"
    P.ge = "randn()*1.5 + 4"
    P.gi = "randn()*12 + 20"
    syn = [Ce, Ci]
    sm = SpikeMonitor(P, record=False)
    N_rate = n
else:
    NE = 4 * n // 5; NI = n - NE
    CE, CI = 1000, 250
    J = 0.1 * mV; D = 1.5 * ms; tau = 20 * ms; theta = 20 * mV; vr = 10 * mV; tref = 2 * ms
    nu_ext = a.ratio * theta / (J * CE * tau)

    def fixed_indegree(npre, c, npost, offset_self):
        """c distinct presynaptic partners (no autapse) for each of npost targets; presynaptic order."""
        pre = rng.integers(0, npre, size=(npost, c), dtype=np.int32)
        post = np.arange(npost, dtype=np.int64)[:, None]
        while True:
            pre.sort(axis=1)
            bad = np.zeros(pre.shape, dtype=bool)
            bad[:, 1:] = pre[:, 1:] == pre[:, :-1]
            if offset_self is not None:
                bad |= (pre + offset_self) == post
            k = int(bad.sum())
            if k == 0:
                break
            pre[bad] = rng.integers(0, npre, size=k, dtype=np.int32)
        pre = pre.ravel(); post = np.repeat(np.arange(npost, dtype=np.int32), c)
        o = np.argsort(pre, kind="stable")       # presynaptic order (targets ascending within a row)
        return pre[o], post[o]

    G = NeuronGroup(NE + NI, "dv/dt = -v/tau : volt (unless refractory)", threshold="v > theta",
                    reset="v = vr", refractory=tref, method="exact")
    G.v = vr + (theta - vr) * rng.random(NE + NI)
    exc = Synapses(G, G, on_pre="v += J", delay=D)
    inh = Synapses(G, G, on_pre=f"v += -{a.g}*J", delay=D)
    i_, j_ = fixed_indegree(NE, CE, NE + NI, 0); exc.connect(i=i_, j=j_)
    i_, j_ = fixed_indegree(NI, CI, NE + NI, NE); inh.connect(i=i_ + NE, j=j_)
    del i_, j_
    ext = PoissonInput(G, "v", CE, nu_ext, weight=J)
    syn = [exc, inh]
    sm = SpikeMonitor(G, record=False)
    N_rate = NE + NI

wall_file = os.path.join(d, "wall_run_s.txt")
device.insert_code("main", "auto __wall0 = std::chrono::steady_clock::now();")
run(T * second)
device.insert_code("main", f'std::ofstream("{wall_file}") << std::chrono::duration<double>(std::chrono::steady_clock::now() - __wall0).count() << std::endl;')
t_build = time.time() - t_build0
t0 = time.time()
device.build(directory=d, compile=True, run=True)
total = time.time() - t0
run_cpu = device._last_run_time
run_wall = float(open(wall_file).read())
spikes = int(sm.num_spikes)
nsyn = sum(len(s) for s in syn)
print(f"peer=brian2 net={a.net} n={n} t={T} threads={a.threads} seed={a.seed} synapses={nsyn} spikes={spikes} "
      f"rate_hz={spikes / N_rate / T:.3f} run_wall_s={run_wall:.4f} run_cpu_s={run_cpu:.4f} "
      f"s_per_sim_s={run_wall / T:.4f} python_setup_s={t_build:.1f} compile_and_run_s={total:.1f}")
