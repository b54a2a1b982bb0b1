"""Independent self-consistent rates of Brunel (2000) model A with the 50-digit quadrature
Siegert rate (siegert_mp.py): scan ln(nu) for sign changes of ln phi(mu(nu),sigma(nu)) - ln nu,
polish with mpmath's bisection-secant (anderson) solver. Output brunel_reference.csv:
g,nu_ext_ratio,rate_Hz,mu_V,sigma_V  (J = 0.1 mV, C_E = 1000, gamma = 0.25, Brunel 2000 neuron).
Run: /usr/bin/python3 gen_brunel.py"""
import mpmath as mp
from siegert_mp import log_rate

mp.mp.dps = 30
CE, gamma, J, tau, theta = 1000, mp.mpf('0.25'), mp.mpf(1e-4), mp.mpf(0.02), mp.mpf(0.02)
nu_thr = theta / (CE * J * tau)

def mu_sigma(g, ratio, nu):
    nu_ext = ratio * nu_thr
    mu = CE * J * tau * (nu_ext + nu * (1 - g * gamma))
    s2 = J * J * CE * tau * (nu_ext + nu * (1 + g * g * gamma))
    return mu, mp.sqrt(s2)

def residual(g, ratio, x):
    mu, s = mu_sigma(g, ratio, mp.exp(x))
    return log_rate(mu, s) - x

with open('brunel_reference.csv', 'w') as f:
    f.write('g,nu_ext_ratio,rate_Hz,mu_V,sigma_V\n')
    for g, ratio in [(5, 2), (6, 4), (4, 1), (8, 0.9), (3, 2), (4.5, 0.9)]:
        g, ratio = mp.mpf(g), mp.mpf(ratio)
        xs = [mp.log(mp.mpf(10) ** (k / 4)) for k in range(-16, 11)] + [mp.log(499.9)]
        rs = [residual(g, ratio, x) for x in xs]
        for a, b, ra, rb in zip(xs[:-1], xs[1:], rs[:-1], rs[1:]):
            if ra * rb < 0:
                x = mp.findroot(lambda x: residual(g, ratio, x), (a, b), solver='anderson', tol=mp.mpf(10) ** -26)
                nu = mp.exp(x)
                mu, s = mu_sigma(g, ratio, nu)
                f.write(f'{mp.nstr(g, 6)},{mp.nstr(ratio, 6)},{mp.nstr(nu, 20)},{mp.nstr(mu, 20)},{mp.nstr(s, 20)}\n')
                f.flush()
