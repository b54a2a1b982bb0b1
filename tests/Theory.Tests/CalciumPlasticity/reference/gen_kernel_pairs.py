"""Independent reference for the kernel spike-pair points (KernelPairSimulation): an event-driven
simulation in continuous time, written from the equations of Graupner & Brunel (2012) and
Graupner, Wallisch & Ostojic (2016), J. Neurosci. 36:11238 (no code shared with the library).

Per synapse: presynaptic Poisson spikes at rate nu; the calcium of each arrives D later (c and
c_pre += C_pre); with probability p a postsynaptic spike at t_pre + dt; independent postsynaptic
Poisson spikes at (1 - p) nu. A postsynaptic spike adds C_post + eta * c_pre(t-). At ties an
arrival precedes a postsynaptic spike. c and c_pre decay with tau_Ca. Efficacy without the cubic
term: tau drho/dt = gp (1 - rho) Th[c - theta_p] - gd rho Th[c - theta_d]
+ sigma sqrt(tau) sqrt(Th_d + Th_p) xi, solved exactly (Ornstein-Uhlenbeck) on each piece where
the thresholds crossed are fixed (crossing times exact). Warm-up of 20 tau_Ca from c = 0, then
rho = rho0 = 0.5 and the protocol runs for T = 10 s; the mean of rho(T) over synapses (SE over
synapses) and the time fractions above the thresholds.
Run: python3 gen_kernel_pairs.py  (pure Python, ~minutes) -> kernel_pairs.csv
"""
import math
import random

LIN = dict(tau_ca=0.0222721171, c_pre=0.844990637, c_post=1.62137900, theta_d=1.0, theta_p=2.00928899,
           gamma_d=137.758631, gamma_p=597.089216, tau=520.761286, sigma=1.0, eta=0.0)
# Nonlinear2016: eta such that (1 + eta) C_pre + C_post = 2 (C_pre + C_post)
NL = dict(tau_ca=0.0189304409, c_pre=0.864671725, c_post=2.30814844, theta_d=1.0, theta_p=4.99779542,
          gamma_d=111.825154, gamma_p=894.236947, tau=707.022578, sigma=1.0)
NL["eta"] = (2.0 * (NL["c_post"] + NL["c_pre"]) - NL["c_post"]) / NL["c_pre"] - 1.0

# (name, parameters, D as realised by the kernel at dt = 0.1 ms, rate, dt, p)
CASES = [
    ("lin_10Hz_+10ms_p1", LIN, 0.0095, 10.0, 0.010, 1.0),
    ("lin_20Hz_-20ms_p1", LIN, 0.0095, 20.0, -0.020, 1.0),
    ("lin_20Hz_p0", LIN, 0.0095, 20.0, 0.0, 0.0),
    ("lin_40Hz_+10ms_p0.4", LIN, 0.0095, 40.0, 0.010, 0.4),
    ("nl_20Hz_+10ms_p1", NL, 0.0100, 20.0, 0.010, 1.0),
    ("nl_10Hz_+20ms_p1", NL, 0.0100, 10.0, 0.020, 1.0),
    ("nl_20Hz_-20ms_p1", NL, 0.0100, 20.0, -0.020, 1.0),
]
SYNAPSES = 8000
T = 10.0
RHO0 = 0.5


def poisson(rng, rate, t0, t1):
    out = []
    if rate <= 0:
        return out
    t = t0 + rng.expovariate(rate)
    while t < t1:
        out.append(t)
        t += rng.expovariate(rate)
    return out


def synapse(rng, q, delay, rate, lag, p):
    warm = 20 * q["tau_ca"]
    end = warm + T
    ev = []  # (time, order, kind): kind 0 arrival, 1 post, 2 start of the protocol; arrivals first at ties
    for t in poisson(rng, rate, -abs(lag) - delay, end):
        if 0 <= t + delay < end:
            ev.append((t + delay, 0, 0))
        if rng.random() < p and 0 <= t + lag < end:
            ev.append((t + lag, 1, 1))
    for t in poisson(rng, (1 - p) * rate, 0.0, end):
        ev.append((t, 1, 1))
    ev.append((warm, -1, 2))
    ev.append((end, 2, 3))
    ev.sort()
    tau_ca, td, tp = q["tau_ca"], q["theta_d"], q["theta_p"]
    gd, gp, tau, s2 = q["gamma_d"], q["gamma_p"], q["tau"], q["sigma"] ** 2
    c = a = 0.0
    now = 0.0
    rho = None
    above_d = above_p = 0.0

    def piece(rho, s, on_d, on_p):
        if s <= 0 or rho is None:
            return rho
        g = (gp if on_p else 0.0) + (gd if on_d else 0.0)
        if g == 0:
            return rho
        k = g / tau
        target = (gp if on_p else 0.0) / g
        e = math.exp(-k * s)
        var = s2 * ((1 if on_d else 0) + (1 if on_p else 0)) / tau * (1 - e * e) / (2 * k)
        return target + (rho - target) * e + math.sqrt(var) * rng.gauss(0.0, 1.0)

    for t, _, kind in ev:
        gap = t - now
        if gap > 0:
            sd = min(gap, tau_ca * math.log(c / td)) if c > td else 0.0
            sp = min(gap, tau_ca * math.log(c / tp)) if c > tp else 0.0
            if rho is not None:
                above_d += sd
                above_p += sp
                first, second = min(sd, sp), max(sd, sp)
                rho = piece(rho, first, sd > 0, sp > 0)
                rho = piece(rho, second - first, sd > sp, sp > sd)
                rho = min(1.0, max(0.0, rho))
            f = math.exp(-gap / tau_ca)
            c *= f
            a *= f
            now = t
        if kind == 0:
            c += q["c_pre"]
            a += q["c_pre"]
        elif kind == 1:
            c += q["c_post"] + q["eta"] * a
        elif kind == 2:
            rho = RHO0
    return rho, above_d / T, above_p / T


def stats(x):
    n = len(x)
    m = sum(x) / n
    v = sum((y - m) ** 2 for y in x) / (n - 1)
    return m, math.sqrt(v / n)


def main():
    rows = ["case,rate_hz,dt_s,p,delay_s,synapses,mean_rho,mean_rho_se,alpha_d,alpha_d_se,alpha_p,alpha_p_se"]
    for k, (name, q, delay, rate, lag, p) in enumerate(CASES):
        rng = random.Random(1000 + k)
        res = [synapse(rng, q, delay, rate, lag, p) for _ in range(SYNAPSES)]
        m, se = stats([r[0] for r in res])
        ad, sad = stats([r[1] for r in res])
        ap, sap = stats([r[2] for r in res])
        rows.append(f"{name},{rate},{lag},{p},{delay},{SYNAPSES},{m:.6f},{se:.6f},{ad:.6f},{sad:.6f},{ap:.6f},{sap:.6f}")
        print(rows[-1], flush=True)
    with open("kernel_pairs.csv", "w") as fh:
        fh.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
