"""Reference table for Theory.MeanField.Siegert: 50-digit quadrature (siegert_mp.py) at exact
double inputs, plus the spec check values. Output siegert_reference.csv:
mu_V,sigma_V,tau_s,theta_V,vreset_V,tref_s,ln_rate,rate_Hz
Run: /usr/bin/python3 gen_siegert.py"""
import random
import mpmath as mp
from siegert_mp import log_rate

mp.mp.dps = 50
random.seed(7)
rows = []
mus = [-0.2, -0.05, -0.01, 0.0, 0.005, 0.01, 0.015, 0.018, 0.0195, 0.02, 0.0205, 0.022, 0.025, 0.03, 0.05, 0.1, 1.0]
sigmas = [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05]
for m in mus:
    for s in sigmas:
        rows.append((m, s, 0.02, 0.02, 0.01, 0.002))
for _ in range(60):
    rows.append((random.uniform(-0.02, 0.05), 10 ** random.uniform(-4, -1.3), 0.02, 0.02, 0.01, 0.002))
# other neurons: no refractoriness, other tau, reset close to threshold
for m, s in [(0.015, 0.005), (0.03, 0.001), (0.025, 0.05), (-0.01, 0.003), (0.0199, 0.0001)]:
    rows.append((m, s, 0.01, 0.02, 0.01, 0.0))
    rows.append((m, s, 0.02, 0.015, 0.0149, 0.001))
with open("siegert_reference.csv", "w") as f:
    f.write("mu_V,sigma_V,tau_m_s,theta_V,vreset_V,tref_s,ln_rate,rate_Hz\n")
    for r in rows:
        lr = log_rate(*r)
        f.write(",".join(repr(x) for x in r) + f",{mp.nstr(lr, 25)},{mp.nstr(mp.exp(lr), 20)}\n")
# spec check values
for m, s, want in [(0.015, 0.005, '9.4607998057591'), (0.015, 0.002, '0.122025522338211'),
                   (0.015, 0.01, '24.6071592157598'), (-0.01, 0.005, '3.8697924079086e-14'),
                   (-0.01, 0.0005, '5.87e-1561')]:
    v = mp.exp(log_rate(m, s))
    print(m, s, mp.nstr(v, 16), want)
