#!/usr/bin/python3
"""Independent values for the trend tests of AmplificationTests ("eigenvector effective rank drops
with feedforward strength", "shrinking the imaginary spread increases amplification"): for the
matrices in schur_trend_matrices.csv (SchurConstruction.Build, stored; the tests rebuild and compare
them), numpy's eig -> unit-norm complex eigenvectors -> Roy & Vetterli effective rank exp(H(p)),
p = sigma/sum(sigma); and max_t ||e^{At}||_2, A = (W - I)/tau, tau = 0.02 s, by scipy.linalg.expm on a
grid of 4000 points over [0, 40 tau] (step << 1/max|Im lambda(A)|) and bounded Brent refinement
around every grid maximum within 1e-6 of the best.
Regenerate: /usr/bin/python3 gen_schur_trends.py > schur_trends_reference.csv"""
import numpy as np, scipy, scipy.linalg as sl
from scipy.optimize import minimize_scalar
tau = 0.02
print("# gen_schur_trends.py (numpy %s, scipy %s)" % (np.__version__, scipy.__version__))
print("case,eigenvector_erank,max_norm,t_peak")
for line in open("schur_trend_matrices.csv"):
    if line.startswith("#") or line.startswith("case,"):
        continue
    name, n, entries = line.strip().split(",")
    n = int(n)
    W = np.array([float(v) for v in entries.split()]).reshape(n, n)
    _, V = np.linalg.eig(W)
    V = V / np.linalg.norm(V, axis=0)
    s = np.linalg.svd(V, compute_uv=False)
    p = s / s.sum(); p = p[p > 0]
    erank = np.exp(-(p * np.log(p)).sum())
    A = (W - np.eye(n)) / tau
    f = lambda t: np.linalg.norm(sl.expm(A * t), 2)
    lam = np.linalg.eigvals(A)
    T = 40 * tau
    grid = np.linspace(0, T, 4001)
    vals = np.array([f(t) for t in grid])
    best = (vals[0], 0.0)
    for k in range(1, len(grid) - 1):
        if vals[k] >= vals[k - 1] and vals[k] >= vals[k + 1] and vals[k] > vals.max() * (1 - 1e-6):
            r = minimize_scalar(lambda t: -f(t), bounds=(grid[k - 1], grid[k + 1]), method="bounded", options={"xatol": 1e-13})
            if -r.fun > best[0]:
                best = (-r.fun, r.x)
    print("%s,%.17g,%.17g,%.17g" % (name, erank, best[0], best[1]))
