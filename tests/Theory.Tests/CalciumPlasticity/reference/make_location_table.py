#!/usr/bin/python3
"""Independent table for the dendritic-location analysis of Graupner & Brunel (2012)
(Theory.Tests.CalciumPlasticity.Location): pairs of the cortical-slice set (SI Table S1, fit to
Sjostrom et al. 2001) with the postsynaptic calcium amplitude scaled, C_post -> a C_post (bAP
attenuation with distance from the soma), and optionally C_pre -> q C_pre.

Method, written from the paper's equations and not from the library:
1. Calcium (Eq. 1, linear): event-driven simulation of the pair repeated from c = 0 for 400
   periods (T/tau_Ca >= 0.88 here, so the start is forgotten to < 1e-150); in the last period the
   time above theta is summed gap by gap from the exact crossing time tau_Ca ln(c+/theta).
2. Outcome: SI Eqs. S5-S10 (noise of the 2012 erratum), T = pairs/f, beta, b of the set.
3. Crossovers: scipy.optimize.brentq on change(a) - 1 (xtol 1e-13) inside each sign change of a
   grid of 401 factors on [0, 1].

Run: /usr/bin/python3 make_location_table.py > location_table.csv
"""
import math

import numpy as np
from scipy.optimize import brentq
from scipy.special import erfc

# cortical slices: tauCa, Cpre, Cpost, thetaD, thetaP, gammaD, gammaP, tau, rhoStar, sigma, D, beta, b
CORT = (0.0226936, 0.5617539, 1.23964, 1.0, 1.3, 331.909, 725.085, 346.3615, 0.5, 3.3501, 0.0046098, 0.5, 5.40988)


def fractions(cpre, cpost, dt, freq, periods=400):
    tauCa, _, _, thd, thp = CORT[:5]
    D = CORT[10]
    T = 1.0 / freq
    pre, post = ([0.0], [dt]) if dt >= 0 else ([-dt], [0.0])
    # pre arrivals sort before post spikes at ties (kind 0 < 1)
    ev = sorted([((t + D) % T, 0, cpre) for t in pre] + [(t % T, 1, cpost) for t in post])
    c = 0.0
    for _ in range(periods - 1):
        prev = 0.0
        for t, _, a in ev:
            c = c * math.exp(-(t - prev) / tauCa) + a
            prev = t
        c *= math.exp(-(T - prev) / tauCa)
    above = {thd: 0.0, thp: 0.0}
    prev = 0.0
    for t, _, a in ev + [(T, 2, 0.0)]:
        gap = t - prev
        for th in above:
            if c > th:
                above[th] += min(gap, tauCa * math.log(c / th))
        c = c * math.exp(-gap / tauCa) + a
        prev = t
    return above[thd] / T, above[thp] / T


def change(ad, ap, duration):
    (tauCa, cpre, cpost, thd, thp, gd, gp, tau, rhos, sigma, D, beta, b) = CORT
    Gd, Gp = gd * ad, gp * ap
    G = Gd + Gp
    if G == 0:
        return 1.0
    rb = Gp / G
    teff = tau / G
    s2 = sigma ** 2 * (ap + ad) / G
    e = math.exp(-duration / teff)
    w = math.sqrt(s2 * (1 - e * e))
    U = 0.5 * erfc((rhos - rb * (1 - e)) / w)
    Dn = 1 - 0.5 * erfc((rhos - (rb + (1 - rb) * e)) / w)
    return (beta * (1 - U) + (1 - beta) * Dn + b * (beta * U + (1 - beta) * (1 - Dn))) / (beta + (1 - beta) * b)


def outcome(a, q, dt, f, pairs=75):
    ad, ap = fractions(q * CORT[1], a * CORT[2], dt, f)
    return ad, ap, change(ad, ap, pairs / f)


print("kind,bap_factor,pre_factor,freq_hz,dt_s,alpha_d,alpha_p,change")
for a in [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]:
    for f in [1.0, 10.0, 20.0, 30.0, 40.0, 50.0]:
        for dt in [-0.01, 0.01]:
            ad, ap, ch = outcome(a, 1.0, dt, f)
            print(f"point,{a!r},1.0,{f!r},{dt!r},{ad!r},{ap!r},{ch!r}")
for q in [1.5, 2.0]:
    for a in [0.2, 0.3]:
        ad, ap, ch = outcome(a, q, 0.01, 50.0)
        print(f"point,{a!r},{q!r},50.0,0.01,{ad!r},{ap!r},{ch!r}")
for f in [20.0, 30.0, 40.0, 50.0]:
    for dt in [-0.01, 0.01]:
        grid = np.linspace(0.0, 1.0, 401)
        g = [outcome(a, 1.0, dt, f)[2] - 1.0 for a in grid]
        for i in range(400):
            if g[i] * g[i + 1] < 0:
                r = brentq(lambda a: outcome(a, 1.0, dt, f)[2] - 1.0, grid[i], grid[i + 1], xtol=1e-13)
                print(f"crossover,{r!r},1.0,{f!r},{dt!r},nan,nan,1.0")
