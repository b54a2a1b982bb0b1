"""Independent mean-field reference for the Potjans & Diesmann (2014) microcircuit at full scale,
written from the paper's tables (Cereb. Cortex 24:785, Tables 4-5) and the equations of Fourcaud &
Brunel (2002) / Bos, Diesmann & Helias (2016), not from the C# code:
  K_ab = int(ln(1 - C_ab) / ln(1 - 1/(N_a N_b)))   synapses, in-degree K_ab / N_a
  J = w tau_s / C_m,  mu_a = tau_m sum_b k_ab J_ab nu_b + tau_m K_ext J nu_bg
  sigma_a^2 = tau_m sum_b k_ab J_ab^2 (1 + 0.1^2) nu_b + tau_m K_ext J^2 nu_bg
  nu_a = Siegert(mu_a, sigma_a) with theta and V_r shifted by sigma sqrt(tau_s/tau_m) |zeta(1/2)|/sqrt(2)
Siegert by 50-digit quadrature (../../MeanField/reference/siegert_mp.py). Solved with mpmath's
multidimensional Newton (findroot) on ln(nu), from 5 Hz everywhere.
Output microcircuit_reference.csv: population,synapses_to_row_total,mu_V,sigma_V,rate_Hz.
Run: /usr/bin/python3 gen_microcircuit.py"""
import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "MeanField", "reference"))
import mpmath as mp
from siegert_mp import log_rate

mp.mp.dps = 30
names = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"]
N = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
C = [[0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.,     0.0076, 0.],
     [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.,     0.0042, 0.],
     [0.0077, 0.0059, 0.0497, 0.135,  0.0067, 0.0003, 0.0453, 0.],
     [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.,     0.1057, 0.],
     [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.],
     [0.0548, 0.0269, 0.0257, 0.0022, 0.06,   0.3158, 0.0086, 0.],
     [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
     [0.0364, 0.001,  0.0034, 0.0005, 0.0277, 0.008,  0.0658, 0.1443]]
Kext = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
w, g, nubg = mp.mpf('87.8e-12'), -4, 8
taum, Cm, taus, tref = mp.mpf('0.01'), mp.mpf('250e-12'), mp.mpf('0.5e-3'), mp.mpf('0.002')
theta, vr = mp.mpf('0.015'), mp.mpf(0)
J = w * taus / Cm
K = [[int(mp.log(1 - C[a][b]) / mp.log(1 - mp.mpf(1) / (N[a] * N[b]))) if C[a][b] > 0 else 0
      for b in range(8)] for a in range(8)]
def Jab(a, b):
    if b % 2 == 1: return g * J
    return 2 * J if (a, b) == (0, 2) else J
def inputs(nu):
    mu, sg = [], []
    for a in range(8):
        m = Kext[a] * J * nubg
        v = Kext[a] * J * J * nubg
        for b in range(8):
            k = mp.mpf(K[a][b]) / N[a]
            m += k * Jab(a, b) * nu[b]
            v += k * Jab(a, b) ** 2 * (1 + mp.mpf('0.01')) * nu[b]
        mu.append(taum * m); sg.append(mp.sqrt(taum * v))
    return mu, sg
alpha = mp.sqrt(2) * abs(mp.zeta(mp.mpf(1) / 2))
def residual(*x):
    nu = [mp.exp(v) for v in x]
    mu, sg = inputs(nu)
    out = []
    for a in range(8):
        d = sg[a] * alpha / 2 * mp.sqrt(taus / taum)
        out.append(log_rate(mu[a], sg[a], tau=taum, theta=theta + d, vr=vr + d, tref=tref) - x[a])
    return out
x = mp.findroot(residual, [mp.log(5)] * 8, tol=mp.mpf('1e-24'))
nu = [mp.exp(v) for v in x]
mu, sg = inputs(nu)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "microcircuit_reference.csv"), "w") as f:
    f.write("population,synapses_to_row_total,mu_V,sigma_V,rate_Hz\n")
    for a in range(8):
        f.write("%s,%d,%s,%s,%s\n" % (names[a], sum(K[a]), mp.nstr(mu[a], 17), mp.nstr(sg[a], 17), mp.nstr(nu[a], 17)))
print("total synapses", sum(map(sum, K)), "rates", [mp.nstr(v, 8) for v in nu])
