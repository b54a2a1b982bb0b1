#!/usr/bin/python3
"""Free receiver rate of the Jia, Vogels & Costa (2022) circuit in Brian2 — an independent copy of
the paper's receiver (djia/dev-stp, dev_stp.py + run.py), written from the equations, to check
the kernel's conductance LIF and its refractoriness.

Receiver (dev_stp.py): C dV/dt = -g_L (V - E_L) - g_ampa V - g_gaba (V - E_r) + sigma xi / tau_n^-1/2,
C = 200 pF, g_L = 10 nS, E_L = -60 mV, E_r = -80 mV, theta = -50 mV, reset V = E_L, refractory = 4 ms,
tau_ampa = 5 ms; white current sigma = 45 pA, tau_n = 15 ms (run.py); Brian2's default clock 0.1 ms,
Euler (the default method for these equations). 8 channels of 100 excitatory inputs firing with
p = nu dt per step (the paper's threshold 'rand() < rate * dt'), each through a Tsodyks-Markram
synapse (on_pre: w_stp = A u R; R -= u R; u += f (1 - u); g_ampa += w_stp w_c nS) at the late
(stage 1) fit: U = 0.1973, tau_D = 84.5 ms, tau_F = 295.9 ms, f = 0.1168, A = 1/U; channel weights
w_c of receptive_field_weights/weights.mat. No inhibition (w_isp = 0: the free rate).

Two variants of the refractory period:
  integrate: the paper's -- no '(unless refractory)' on dv/dt, so V integrates from the reset
             during the 4 ms and only the threshold is blocked;
  clamp:     '(unless refractory)' -- V held at the reset for 4 ms.

Usage: gen_jia_receiver_brian2.py VARIANT RATE_HZ DURATION_S SEED  -> one CSV row on stdout:
variant,input_rate_hz,duration_s,seed,spikes,rate_hz,se_hz (rate over t > 1 s; SE from 20 batch means).
Runs in cpp_standalone mode (needs g++); Debian's python3-brian 2.5.1.
"""
import sys
import numpy as np
from brian2 import (set_device, defaultclock, seed, ms, mV, nS, pF, pA, second, Hz,
                    NeuronGroup, Synapses, SpikeMonitor, run, device)

variant, rate, duration, sd = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
assert variant in ("integrate", "clamp")
set_device("cpp_standalone", directory=f"/tmp/brian-jia-{variant}-{rate:g}-{sd}")
defaultclock.dt = 0.1 * ms
seed(sd)

gl, el, er, vt, memc = 10.0 * nS, -60.0 * mV, -80.0 * mV, -50.0 * mV, 200.0 * pF
tau_ampa, tau_gaba = 5.0 * ms, 10.0 * ms
sigma, tau_n = 45.0 * pA, 15.0 * ms
weights = [0.022406, 0.024790, 0.027633, 0.059571, 0.094332, 0.055963, 0.027530, 0.021107]
U, taud, tauf, fsyn = 0.1973, 84.5 * ms, 295.9 * ms, 0.1168

unless = " (unless refractory)" if variant == "clamp" else ""
eqs = f"""
dv/dt = (-gl * (v - el) - (g_ampa * v + g_gaba * (v - er)) + (sigma * xi) / tau_n**-0.5) / memc : volt{unless}
dg_ampa/dt = -g_ampa / tau_ampa : siemens
dg_gaba/dt = -g_gaba / tau_gaba : siemens
"""
receiver = NeuronGroup(1, eqs, threshold="v > vt", reset="v = el", refractory=4 * ms, method="euler")
receiver.v = el

nu = rate * Hz
inputs = NeuronGroup(800, "", threshold="rand() < nu * dt")
syn = Synapses(inputs, receiver, model="""
w_c : 1 (constant)
dR/dt = (1 - R) / taud : 1 (clock-driven)
du/dt = (U - u) / tauf : 1 (clock-driven)
w_stp : 1
""", on_pre="""
w_stp = (1.0 / U) * u * R
R += -u * R
u += fsyn * (1 - u)
g_ampa += w_stp * w_c * nS
""", method="exact")
syn.connect()
syn.R = 1.0
syn.u = U
syn.w_c = np.repeat(weights, 100)

mon = SpikeMonitor(receiver)
run(duration * second)
t = np.asarray(mon.t / second)
t = t[t > 1.0]
batches = 20
edges = np.linspace(1.0, duration, batches + 1)
counts = np.histogram(t, edges)[0] / np.diff(edges)
mean = len(t) / (duration - 1.0)
se = counts.std(ddof=1) / np.sqrt(batches)
print(f"{variant},{rate:g},{duration:g},{sd},{len(t)},{mean:.4f},{se:.4f}")
