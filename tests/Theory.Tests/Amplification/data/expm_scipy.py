#!/usr/bin/python3
"""Reference table for the expm tests: scipy.linalg.expm (Al-Mohy & Higham 2009) of matrices
A[i,j] = scale * sin(7*i + 3*j + case) (+ optional strictly-upper boost), written with 17
significant digits. The F# test rebuilds A with the same formula.
Regenerate: /usr/bin/python3 expm_scipy.py > expm_scipy.csv"""
import numpy as np, scipy, scipy.linalg as sl

cases = [  # (case, n, scale, upper boost)
    (1, 3, 1.0, 0.0),
    (2, 5, 0.05, 0.0),
    (3, 6, 3.0, 0.0),
    (4, 8, 0.5, 20.0),
    (5, 10, 2.0, 0.0),
    (6, 4, 0.2, 50.0),
]
print(f"# scipy {scipy.__version__}: case,n,scale,boost,i,j,expm")
print("case,n,scale,boost,i,j,value")
for c, n, s, b in cases:
    i, j = np.indices((n, n))
    a = s * np.sin(7 * i + 3 * j + c) + b * np.triu(np.cos(i + 2 * j + c), 1)
    e = sl.expm(a)
    for r in range(n):
        for q in range(n):
            print(f"{c},{n},{s!r},{b!r},{r},{q},{e[r, q]:.17g}")
