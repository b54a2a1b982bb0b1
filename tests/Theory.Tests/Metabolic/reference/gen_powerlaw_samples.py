#!/usr/bin/python3
"""Power-law samples from an independent sampler (numpy's PCG64 and scipy.stats.zipf), with the
maximum-likelihood exponents computed here, for Theory.Numerics.PowerLaw (issue #15, tests
Metabolic.PowerLaw "independent samples ...").

Continuous (x_min = 1): x = (1 - U)^(-1/(alpha - 1)), numpy inverse CDF; alpha_hat = 1 + n / sum ln x
(closed form). Discrete (x_min = 1 and 3): scipy.stats.zipf (pmf k^-alpha / zeta(alpha)),
rejection of k < x_min for x_min = 3; alpha_hat maximises
  L(a) = -n ln zeta(a, x_min) - a sum ln k  (scipy.special.zeta = Hurwitz zeta; brentq on dL/da,
the derivative of ln zeta by a central difference of step 1e-6 checked against mpmath-free Richardson).
A power-law tail (alpha 2.5 from 5) above a uniform body on [1, 5) -- its row carries the x_min and
alpha_hat of Clauset's KS scan computed here -- (for the x_min scan and the bootstrap with x_min
refit) and a log-normal (which the bootstrap must reject) close the file.

Rows: set,kind,alpha,xmin,alpha_hat,values (space-separated; continuous to 12 significant digits,
alpha_hat computed from the rounded values).
Regenerate: /usr/bin/python3 gen_powerlaw_samples.py > powerlaw_samples.csv"""
import numpy as np
from scipy import special, optimize, stats

rng = np.random.Generator(np.random.PCG64(20261207))
print("# gen_powerlaw_samples.py (numpy %s)" % np.__version__)
print("set,kind,alpha,xmin,alpha_hat,values")

def fmt(v):
    return float("%.12g" % v)

def mle_discrete(k, xmin):
    n, sl = len(k), np.sum(np.log(k))
    def dlogz(a):
        h = 1e-6
        # Richardson-extrapolated central difference of ln zeta(a, xmin)
        d1 = (np.log(special.zeta(a + h, xmin)) - np.log(special.zeta(a - h, xmin))) / (2 * h)
        d2 = (np.log(special.zeta(a + 2 * h, xmin)) - np.log(special.zeta(a - 2 * h, xmin))) / (4 * h)
        return (4 * d1 - d2) / 3
    return optimize.brentq(lambda a: -n * dlogz(a) - sl, 1.01, 20.0, xtol=1e-14, rtol=1e-15)

sid = 0
# continuous: 2 exponents x 40 sets x 250 points
for alpha in (1.8, 2.6):
    for _ in range(40):
        x = np.array([fmt(v) for v in (1 - rng.random(250)) ** (-1 / (alpha - 1))])
        ah = 1 + len(x) / np.sum(np.log(x))
        print("%d,continuous,%g,1,%.17g,%s" % (sid, alpha, ah, " ".join("%.12g" % v for v in x)))
        sid += 1
# discrete: x_min = 1 (alpha 2.2) and x_min = 3 (alpha 2.8), 40 sets x 400 points
for alpha, xmin in ((2.2, 1), (2.8, 3)):
    for _ in range(40):
        k = []
        while len(k) < 400:
            d = stats.zipf.rvs(alpha, size=400, random_state=rng)
            k.extend(int(v) for v in d if v >= xmin)
        k = np.array(k[:400], dtype=float)
        ah = mle_discrete(k, xmin)
        print("%d,discrete,%g,%d,%.17g,%s" % (sid, alpha, xmin, ah, " ".join("%d" % v for v in k)))
        sid += 1
# tail above a body: 1500 uniform on [1, 5), 800 power law alpha 2.5 from 5 (continuous)
body = 1 + 4 * rng.random(1500)
tail = 5 * (1 - rng.random(800)) ** (-1 / 1.5)
x = np.array([fmt(v) for v in np.concatenate([body, tail])])
# Clauset et al. x_min scan: every distinct value leaving >= 10 points, alpha by the closed form,
# D = sup |F_emp - F| over the tail (both sides of each step); the first minimum wins
xs = np.sort(x)
best = None
for c in np.unique(xs):
    t = xs[xs >= c]
    if len(t) < 10 or t[-1] <= c:
        break
    a = 1 + len(t) / np.sum(np.log(t / c))
    cdf = 1 - (t / c) ** (1 - a)
    i = np.arange(len(t))
    d = max(np.max(np.abs((i + 1) / len(t) - cdf)), np.max(np.abs(i / len(t) - cdf)))
    if best is None or d < best[0]:
        best = (d, c, a)
print("%d,tail,2.5,%.17g,%.17g,%s" % (sid, best[1], best[2], " ".join("%.12g" % v for v in x))); sid += 1
# log-normal, exp(1 + 0.6 N(0,1)), 1000 points
x = np.array([fmt(v) for v in np.exp(1 + 0.6 * rng.standard_normal(1000))])
print("%d,lognormal,nan,nan,nan,%s" % (sid, " ".join("%.12g" % v for v in x))); sid += 1
