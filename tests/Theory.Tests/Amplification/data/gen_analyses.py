#!/usr/bin/python3
"""Independent reference for the Christodoulou, Vogels & Agnes (2022) analyses (issue #15):
MaximiseIC in both modes, the Fig. 3 per-direction peaks (max over t <= 5 tau of ||e^{At} v_k||,
% above 1.5), eigenvector-overlap angles (% <= 45 deg) and the nonlinear (tanh) branch of the
dimensionality analysis. Implemented from the paper's equations with numpy/scipy only:
scipy.linalg.solve_continuous_lyapunov, numpy.linalg.eig/eigh, scipy.linalg.expm evaluated at every
sample time (no stepping), scipy.integrate.solve_ivp (DOP853, rtol 1e-12) for the rate dynamics.
The test matrices are written here (17 digits) and read back by AnalysesTests.fs (this folder: tests/Theory.Tests/Amplification/data).
Regenerate: /usr/bin/python3 gen_analyses.py > analyses_reference.csv"""
import numpy as np, scipy, scipy.linalg as sl
from scipy.integrate import solve_ivp

rng = np.random.default_rng(2022)

def schur_matrix(reals, pairs, ff, rotate):
    n = len(reals) + 2 * len(pairs)
    d = np.zeros((n, n)); i = 0
    for a, b in pairs:
        d[i, i] = d[i + 1, i + 1] = a; d[i, i + 1] = b; d[i + 1, i] = -b; i += 2
    for r in reals:
        d[i, i] = r; i += 1
    f = np.triu(rng.uniform(-1, 1, (n, n)), 1)
    i = 0
    for _ in pairs:
        f[i, i + 1] = 0; i += 2
    f *= ff / np.linalg.norm(f)
    t = d + f
    if rotate:
        q, r = np.linalg.qr(rng.standard_normal((n, n)))
        q = q * np.sign(np.diag(r))
        t = q @ t @ q.T
    return t

cases = {
    1: schur_matrix([-0.3, 0.2], [(0.1, 1.5), (-0.4, 0.7)], 6.0, True),
    2: schur_matrix([0.4, -0.5, 0.0], [(0.3, 3.0), (-0.2, 0.5)], 9.0, True),
    3: schur_matrix([0.3, -0.2], [(0.2, 0.8), (0.0, 2.0), (-0.3, 0.4)], 12.0, False),
}

def rows(kind, case, arr):
    arr = np.atleast_2d(arr)
    for i in range(arr.shape[0]):
        for j in range(arr.shape[1]):
            print(f"{kind},{case},{i},{j},{arr[i, j]:.17g}")

def gramian(w, ctc):
    a = (w - np.eye(len(w))).T
    return sl.solve_continuous_lyapunov(a, -2 * ctc)  # a X + X a^T = -2 C^T C

def unit_eigvecs(w):
    vals, vecs = np.linalg.eig(w)
    out = []
    for k in range(len(vals)):
        v = vecs[:, k] / np.linalg.norm(vecs[:, k])
        m = np.argmax(np.abs(v))
        out.append(v * np.conj(v[m]) / abs(v[m]))
    return vals, out

def sign_fixed(vecs):
    out = vecs.copy()
    for k in range(out.shape[1]):
        if out[np.argmax(np.abs(out[:, k])), k] < 0: out[:, k] *= -1
    return out

def maximise_ic(w, flag):
    n = len(w)
    if flag:
        ctc = np.eye(n)
    else:
        vals, vecs = unit_eigvecs(w)
        k = max(range(n), key=lambda i: (abs(vals[i].imag), vals[i].real))
        v = vecs[k]
        ctc = np.outer(v.real, v.real) + np.outer(v.imag, v.imag)
    q = gramian(w, ctc)
    ev, evec = np.linalg.eigh(0.5 * (q + q.T))
    order = np.argsort(-np.abs(ev), kind="stable")
    return q, np.abs(ev[order]), sign_fixed(evec[:, order])

def f_tanh(u, r0=1.0, rmax=5.0):
    return np.where(u < 0, r0 * np.tanh(u / r0), (rmax - r0) * np.tanh(u / (rmax - r0)))

def erank(m):
    s = np.linalg.svd(m, compute_uv=False)
    p = s / s.sum(); p = p[p > 0]
    return float(np.exp(-(p * np.log(p)).sum()))

print(f"# numpy {np.__version__}, scipy {scipy.__version__}")
print("kind,case,i,j,value")
for c, w in cases.items():
    n = len(w)
    rows("W", c, w)
    for flag, name in ((True, "energy"), (False, "oscillatory")):
        q, ev, vec = maximise_ic(w, flag)
        rows(f"Q_{name}", c, q)
        rows(f"eig_{name}", c, ev)
        rows(f"dir_{name}", c, vec)
    # Fig. 3: peaks over t_j = j/200 (tau = 1), j = 1..1000, of ||expm((W - I) t_j) v_k||
    _, _, vec = maximise_ic(w, True)
    peaks = np.full(n, -np.inf)
    for j in range(1, 1001):
        p = sl.expm((w - np.eye(n)) * (j / 200.0))
        peaks = np.maximum(peaks, np.linalg.norm(p @ vec, axis=0))
    rows("peaks", c, peaks)
    rows("percent_amplified", c, np.array([[100.0 * np.sum(peaks > 1.5) / n]]))
    # overlaps
    _, v = unit_eigvecs(w)
    ang = []
    for i in range(n):
        for j in range(i + 1, n):
            re = np.real(np.vdot(v[i], v[j]))
            phi = np.degrees(np.arccos(np.clip(re, -1, 1)))
            ang.append(180 - phi if phi > 90 else phi)
    ang = np.sort(np.array(ang))
    rows("angles_sorted", c, ang)
    rows("percent_below_45", c, np.array([[100.0 * np.sum(ang <= 45) / len(ang)]]))
    # nonlinear branch: tau = 1, 20 tau, samples every 0.05 tau (stride 10 at 200 steps per tau), threshold 1.2
    thr, spt, dur, nsamp = 1.2, 200, 20.0, 400
    stride = int(dur * spt) // nsamp
    grid = np.arange(0, int(dur * spt) + 1) / spt
    pcs, npeaks = [], []
    for k in range(n):
        sol = solve_ivp(lambda t, x: -x + f_tanh(w @ x), (0, dur), vec[:, k], method="DOP853",
                        t_eval=grid, rtol=1e-12, atol=1e-14)
        r = f_tanh(sol.y.T)
        norms = np.linalg.norm(r, axis=1)
        npeaks.append(norms.max())
        if norms.max() > thr:
            s = r[::stride]
            s = s - s.mean(axis=0)
            pcs.append(np.linalg.svd(s, full_matrices=False)[2][0])
    rows("nl_peaks", c, np.array(npeaks))
    rows("nl_fraction", c, np.array([[len(pcs) / n]]))
    rows("nl_erank", c, np.array([[erank(np.array(pcs).T) if pcs else 0.0]]))
