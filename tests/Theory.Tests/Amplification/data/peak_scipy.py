#!/usr/bin/python3
"""Reference peaks of the transient amplification max_t ||e^{At}||_2, A = (W - I)/tau, for
oscillatory non-normal chains (issue #15): scipy.linalg.expm on a dense time grid (ppp points per period of the fastest oscillation of the norm, 2 max|Im lambda|, and per 1/|alpha|),
the 2-norm from numpy's SVD, and every grid local maximum within 2 % of the best refined with
scipy.optimize.minimize_scalar (bounded, xatol 1e-13 s) on fresh exponentials.

W (chain of 2x2 rotation blocks): for block k = 0 .. n/2 - 1 (rows/columns 2k, 2k+1)
  W[2k, 2k] = W[2k+1, 2k+1] = a,  W[2k, 2k+1] = -omega_k,  W[2k+1, 2k] = omega_k,
  omega_k = omega * (1 + r k),  and the feed-forward link W[2k+2, 2k] = s, W[2k+3, 2k+1] = 0.5 s;
  plus, for 'dense', W[i, j] += d * sin(3 i + 5 j + 1) (all entries).
The F# test rebuilds W with the same formula. Columns: case, n, a, omega, s, d, tau, peak, t_peak.
Regenerate: /usr/bin/python3 peak_scipy.py > peak_scipy.csv"""
import numpy as np, scipy, scipy.linalg as sl
from scipy.optimize import minimize_scalar

cases = [  # (case, n, a, omega, r, s, d, tau, points per period)
    (1, 6, 0.98, 3.0, 0.0, 0.3, 0.0, 0.02, 100),    # late peak, norm oscillating at 2 omega: the old grid missed it
    (2, 8, 0.98, 3.0, 0.0, 0.3, 0.0, 0.02, 100),    # the same with four blocks (amplification ~322)
    (3, 6, 0.9, 4.0, 0.37, 1.5, 0.0, 0.02, 100),
    (4, 8, 0.9, 12.0, 0.37, 3.0, 0.0, 0.02, 100),
    (5, 24, 0.85, 2.0, 0.37, 1.2, 0.02, 0.02, 60),  # n > 20, dense perturbation
    (6, 52, 0.9, 2.0, 0.1, 0.6, 0.0, 0.02, 30),     # n > 48: the power-iteration path
]


def build(n, a, omega, r, s, d):
    w = np.zeros((n, n))
    for k in range(n // 2):
        ok = omega * (1 + r * k)
        w[2 * k, 2 * k] = w[2 * k + 1, 2 * k + 1] = a
        w[2 * k, 2 * k + 1] = -ok
        w[2 * k + 1, 2 * k] = ok
        if 2 * k + 3 < n:
            w[2 * k + 2, 2 * k] = s
            w[2 * k + 3, 2 * k + 1] = 0.5 * s
    i, j = np.indices((n, n))
    return w + d * np.sin(3 * i + 5 * j + 1)


def peak(A, ppp):
    lam = np.linalg.eigvals(A)
    alpha = lam.real.max()
    assert alpha < 0
    wmax = np.abs(lam.imag).max()
    h = min(2 * np.pi / max(2 * wmax, 1e-300) / ppp, 1 / abs(alpha) / ppp, 1 / np.abs(A).sum(0).max() / 4)
    eh = sl.expm(A * h)
    E = np.eye(A.shape[0])
    ts, gs = [0.0], [1.0]
    best = 1.0
    k = 0
    while True:
        k += 1
        E = eh @ E
        g = np.linalg.norm(E, 2)
        ts.append(k * h); gs.append(g)
        best = max(best, g)
        if g < 0.02 * best and k * h > 5 / abs(alpha) or g < 1e-4:
            break
    gs = np.array(gs)
    f = lambda t: -np.linalg.norm(sl.expm(A * t), 2)
    out = (1.0, 0.0)
    for m in range(1, len(gs) - 1):
        if gs[m] >= gs[m - 1] and gs[m] >= gs[m + 1] and gs[m] >= 0.98 * best:
            r = minimize_scalar(f, bounds=(ts[m - 1], ts[m + 1]), method="bounded", options={"xatol": 1e-13})
            if -r.fun > out[0]:
                out = (-r.fun, r.x)
    return out, len(gs)


import sys
only = [int(v) for v in sys.argv[1:]]   # case numbers to run (all by default; then without header)
if not only:
    print(f"# scipy {scipy.__version__}, numpy {np.__version__}")
    print("case,n,a,omega,r,s,d,tau,peak,t_peak")
for c, n, a, om, r, s, d, tau, ppp in cases:
    if only and c not in only:
        continue
    w = build(n, a, om, r, s, d)
    A = (w - np.eye(n)) / tau
    (g, t), npts = peak(A, ppp)
    print(f"{c},{n},{a!r},{om!r},{r!r},{s!r},{d!r},{tau!r},{g:.17g},{t:.17g}", flush=True)
