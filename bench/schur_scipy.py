#!/usr/bin/python3
"""LAPACK reference for `theory bench schur`: median wall time of scipy.linalg.schur (dgees)
on an n x n standard Gaussian matrix (warm-up on 200 x 200, then repetitions).
Usage: /usr/bin/python3 bench/schur_scipy.py [n] [reps]"""
import sys, time
import numpy as np
import scipy, scipy.linalg as sl

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = np.random.default_rng(1)
a = rng.standard_normal((n, n))
sl.schur(a[:200, :200])
ts = []
for _ in range(reps):
    t0 = time.perf_counter()
    T, Z = sl.schur(a)
    ts.append(time.perf_counter() - t0)
ts.sort()
err = np.linalg.norm(a - Z @ T @ Z.T) / np.linalg.norm(a)
print("benchmark=schur_scipy")
print(f"scipy={scipy.__version__}")
print(f"n={n}")
print(f"reps={reps}")
print(f"median_s={ts[len(ts)//2]!r}")
print(f"min_s={ts[0]!r}")
print(f"backward_error_rel_fro={err!r}")
