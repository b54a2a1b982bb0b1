# Probe (issue #15 leftovers, docs/MODELS.md "Fig. 5A regimes"): the paper's Fig. 5A pipeline
# (create_matrix.m, ffd_random_and_parts.m, figure5_A.m, MaximiseIC.m,
# initialise_rate_dynamics_hetero_n.m of ejagnes/transient_amplification_abst_bio) transcribed in
# numpy/scipy. Needs the authors' Wsoc.mat (not in this repository: fetch it from theirs).
# Random numbers: numpy's, not MATLAB's; eig order: numpy's.
# Run: /usr/bin/python3 fig5a_paper_pipeline.py PATH/Wsoc.mat 1 2 3
import numpy as np, scipy.io, scipy.linalg as sl, sys
from scipy.integrate import solve_ivp
W = scipy.io.loadmat(sys.argv[1])['Wsoc']
N = 200
def cdf2rdf_D(vals):
    D = np.zeros((len(vals), len(vals))); i = 0
    while i < len(vals):
        if abs(vals[i].imag) > 0:
            a, b = vals[i].real, vals[i].imag
            D[i, i] = a; D[i+1, i+1] = a; D[i, i+1] = b; D[i+1, i] = -b; i += 2
        else:
            D[i, i] = vals[i].real; i += 1
    return D
def upper_triang_schur(M):
    T, U = sl.schur(M, output='real')
    vals = np.linalg.eigvals(M)
    D2 = cdf2rdf_D(vals)
    T2 = T.copy(); T2[D2 != 0] = 0
    return T2
def create_matrix(r, rng):
    T, U = sl.schur(W, output='real'); S = T
    S_upper = upper_triang_schur(W)
    vals = np.linalg.eigvals(S)
    J = vals.imag != 0
    im = vals.imag[J].copy(); re = vals.real[J].copy()
    n_im = J.sum() // 2
    v = -r/2 + r*rng.random(n_im)
    im[0::2] = v; im[1::2] = -v
    v = -0.5 + rng.random(n_im)
    re[0::2] = v; re[1::2] = v
    rest = -0.5 + rng.random((~J).sum())
    new = np.concatenate([re + 1j*im, rest])
    return cdf2rdf_D(new) + S_upper
def ffd_random_and_parts(M, strength, rng):
    A = -1 + 2*rng.random((N, N))
    T, U = sl.schur(M, output='real')
    vals = np.linalg.eigvals(M)
    I1 = np.where(vals.imag != 0)[0]; I2 = np.where(vals.imag == 0)[0]
    T2 = np.triu(T, 2); T1 = T - T2; T2 = np.triu(A, 2)
    for row in I1:
        nz = [c for c in range(N) if T1[row, c] != 0]
        if len(nz) > 2: T2[row, nz[2]] = T1[row, nz[2]]; T1[row, nz[2]] = 0
    for row in I2:
        nz = [c for c in range(N) if T1[row, c] != 0]
        if len(nz) >= 2: T2[row, nz[1]] = T1[row, nz[1]]; T1[row, nz[1]] = 0
    S_aux = strength/np.linalg.norm(T2, 'fro')*T2
    D2 = cdf2rdf_D(vals)
    return D2, S_aux
def g(X, r0=1.0, rmax=5.0):
    return np.where(X < 0, r0*np.tanh(X/r0), (rmax-r0)*np.tanh(X/(rmax-r0)))
def run(M, sign=1.0, tau=200.0, tf=10000.0):
    Q = sl.solve_continuous_lyapunov((M - np.eye(N)).T, -2*np.eye(N))
    w, v = np.linalg.eigh(Q)
    x0 = sign*v[:, np.argmax(np.abs(w))]
    t = np.linspace(0, tf, int(tf))
    sol = solve_ivp(lambda t, X: (-X + g(M @ X))/tau, (0, tf), x0, t_eval=t, rtol=1e-6, atol=1e-9)
    nr = np.linalg.norm(g(sol.y), axis=0)
    return (nr >= 1).sum()*(t[1]-t[0]), nr.max()
for seed in [int(s) for s in sys.argv[2:]]:
    rng = np.random.default_rng(seed)
    M0 = create_matrix(100.0, rng)
    D2, S = ffd_random_and_parts(M0, 75.0, rng)
    sup = np.abs(np.diag(S, 1)); 
    out = []
    for name, x, y in [('weak', 700, 100), ('short', 500, 500), ('long', 100, 700)]:
        M = x/np.linalg.norm(D2)*D2 + y/np.linalg.norm(S)*S
        a = np.linalg.eigvals(M).real.max()
        if a > 0.5: M = M - (a-0.5)*np.eye(N)
        dt1, pk1 = run(M, 1.0); dt2, pk2 = run(M, -1.0)
        out.append("%s Δt %.0f/%.0f ms (peak %.1f/%.1f)" % (name, dt1, dt2, pk1, pk2))
    print("seed %d: moved superdiagonal share of ‖F‖²: %.2f; " % (seed, (sup**2).sum()/(S**2).sum()) + "; ".join(out), flush=True)
