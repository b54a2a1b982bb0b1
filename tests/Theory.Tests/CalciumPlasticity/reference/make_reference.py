#!/usr/bin/python3
"""Independent reference values for the calcium-plasticity tests (Theory.Tests.CalciumPlasticity).

1. Time fractions of periodic pair protocols by brute force: the calcium trace of 40 periods
   is sampled on a dense grid (dt = T/400000) from c = 0 and the last period is measured. This
   is a different method from the library's exact affine fixed point + log crossing times.
2. Stationary shot-noise calcium distribution function F(theta) by numerical inversion of the
   Laplace transform (mpmath de Hoog) of L(s)/s with ln L(s) = -tau sum_i r_i Ein(s A_i),
   Ein(z) = gamma + ln z + E1(z) -- a different method from the library's flux-balance ODE.

Run: python3 make_reference.py > calcium_reference.csv
"""
import numpy as np
import mpmath as mp

PRESETS = {
    # tauCa, Cpre, Cpost, thetaD, thetaP, D, eta  (Graupner & Brunel 2012 SI Table S1;
    # Graupner et al. 2016 nonlinear set with eta from nonlinearity factor 2)
    "DP": (0.020, 1.0, 2.0, 1.0, 1.3, 0.0137, 0.0),
    "cortical-slices": (0.0226936, 0.5617539, 1.23964, 1.0, 1.3, 0.0046098, 0.0),
    "DPD": (0.020, 0.9, 0.9, 1.0, 1.3, 0.0046, 0.0),
    "P": (0.020, 2.0, 2.0, 1.0, 1.3, 0.0, 0.0),
    "hippocampal-slices": (0.0488373, 1.0, 0.275865, 1.0, 1.3, 0.0188008, 0.0),
    "hippocampal-cultures": (0.0119536, 0.58156, 1.76444, 1.0, 1.3, 0.01, 0.0),
    "nonlinear-2016": (0.0189304409, 0.864671725, 2.30814844, 1.0, 4.99779542, 0.01,
                       (2 * (2.30814844 + 0.864671725) - 2.30814844) / 0.864671725 - 1),
}


def pair_fractions(name, dt, freq, periods=40, samples=400000):
    tau, cpre, cpost, thd, thp, D, eta = PRESETS[name]
    T = 1.0 / freq
    tpre, tpost = (0.0, dt) if dt >= 0 else (-dt, 0.0)
    ev = sorted([((tpre + D) % T, 0), (tpost % T, 1)])
    h = T / samples
    t = (np.arange(samples) + 0.5) * h  # midpoints of the last period
    c = 0.0
    a = 0.0
    # Iterate whole periods event by event (exact jumps), then sample the last period densely.
    for _ in range(periods - 1):
        prev = 0.0
        for (te, kind) in ev:
            f = np.exp(-(te - prev) / tau)
            c *= f
            a *= f
            if kind == 0:
                c += cpre
                a += cpre
            else:
                c += cpost + eta * a
            prev = te
        f = np.exp(-(T - prev) / tau)
        c *= f
        a *= f
    # dense sampling of the last period
    vals = np.empty(samples)
    prev = 0.0
    idx = 0
    for (te, kind) in ev + [(T, 2)]:
        j = np.searchsorted(t, te)
        vals[idx:j] = c * np.exp(-(t[idx:j] - prev) / tau)
        c *= np.exp(-(te - prev) / tau)
        a *= np.exp(-(te - prev) / tau)
        if kind == 0:
            c += cpre
            a += cpre
        elif kind == 1:
            c += cpost + eta * a
        prev = te
        idx = j
    return float(np.mean(vals > thd)), float(np.mean(vals > thp))


def jump_measure(tau, cpre, cpost, D, nupre, nupost, corr, lag):
    nc = corr * np.sqrt(nupre * nupost)
    comps = [(cpre, nupre - nc), (cpost, nupost - nc)]
    if nc > 0:
        d = lag - D
        a1, a2 = (cpre, cpost) if d >= 0 else (cpost, cpre)
        e = np.exp(-abs(d) / tau)
        if d == 0:
            comps.append((a1 + a2, nc))
        else:
            comps += [(a1, nc), (a1 * e + a2, nc), (a1 * e, -nc)]
    return [(a, r) for (a, r) in comps if r != 0]


def shot_cdf(name, nupre, nupost, corr, lag, x):
    tau, cpre, cpost, thd, thp, D, eta = PRESETS[name]
    comps = jump_measure(tau, cpre, cpost, D, nupre, nupost, corr, lag)
    mp.mp.dps = 30

    def ein(z):
        return mp.euler + mp.log(z) + mp.e1(z)

    def lap(s):
        return mp.exp(-tau * sum(r * ein(s * a) for (a, r) in comps)) / s

    return float(mp.invertlaplace(lap, x, method='dehoog'))


print("kind,preset,a,b,c,d,alpha_d,alpha_p")
for name, dts, freqs in [("DP", [-0.05, -0.02, -0.01, 0.0, 0.01, 0.02, 0.05], [1.0]),
                         ("cortical-slices", [-0.01, 0.01], [1.0, 20.0, 40.0]),
                         ("nonlinear-2016", [-0.01, 0.0, 0.01], [1.0, 20.0])]:
    for f in freqs:
        for dt in dts:
            ad, ap = pair_fractions(name, dt, f)
            print(f"pair,{name},{dt!r},{f!r},0,0,{ad!r},{ap!r}")
for (nupre, nupost, corr, lag) in [(10.0, 10.0, 0.0, 0.0), (20.0, 5.0, 0.0, 0.0), (2.0, 2.0, 0.0, 0.0),
                                   (10.0, 10.0, 0.5, 0.0), (10.0, 10.0, 0.5, 0.02), (30.0, 30.0, 0.3, 0.005)]:
    tau, cpre, cpost, thd, thp, D, eta = PRESETS["DP"]
    ad = 1 - shot_cdf("DP", nupre, nupost, corr, lag, thd)
    ap = 1 - shot_cdf("DP", nupre, nupost, corr, lag, thp)
    print(f"shot,DP,{nupre!r},{nupost!r},{corr!r},{lag!r},{ad!r},{ap!r}")
# the other linear sets (issue #14: the inversion check beyond DP)
for name, grid in [("cortical-slices", [(10.0, 10.0, 0.0, 0.0), (5.0, 20.0, 0.4, 0.01)]),
                   ("DPD", [(10.0, 10.0, 0.0, 0.0), (20.0, 20.0, 0.5, 0.0)]),
                   ("P", [(3.0, 3.0, 0.0, 0.0), (5.0, 5.0, 0.5, 0.005)]),
                   ("hippocampal-slices", [(5.0, 5.0, 0.0, 0.0), (5.0, 10.0, 0.3, 0.02)]),
                   ("hippocampal-cultures", [(10.0, 10.0, 0.0, 0.0), (10.0, 10.0, 0.5, 0.015)])]:
    thd, thp = PRESETS[name][3], PRESETS[name][4]
    for (nupre, nupost, corr, lag) in grid:
        ad = 1 - shot_cdf(name, nupre, nupost, corr, lag, thd)
        ap = 1 - shot_cdf(name, nupre, nupost, corr, lag, thp)
        print(f"shot,{name},{nupre!r},{nupost!r},{corr!r},{lag!r},{ad!r},{ap!r}")
