"""Instability lines of Brunel (2000) model A (Fig. 2) at J = 0.2 mV and J = 0.1 mV, independent of the C# code.

Model A (Brunel 2000 eqs. 4-5, 21): C_E = 4000 or 1000, gamma = 0.25, tau = 20 ms, theta = 20 mV, V_r = 10 mV,
tau_rp = 2 ms, D = 1.5 ms; nu_thr = theta/(C_E J tau), nu_ext = eta nu_thr.
  mu(nu) = C_E J tau (nu_ext + nu (1 - g gamma)),  sigma^2(nu) = J^2 C_E tau (nu_ext + nu (1 + g^2 gamma))
  1/nu = tau_rp + tau sqrt(pi) int_{y_r}^{y_th} e^{u^2} (1 + erf u) du      (mpmath.quad, 40 digits)
Linear stability (Brunel 2000 eqs. 23-26 / Brunel & Hakim 1999 with the variance term): nu_1/nu_0 =
chi_mu mu_1/sigma_0 + chi_var (sigma^2)_1/sigma_0^2, mu_1 = C_E J tau (1 - g gamma) nu_1 e^{-lambda D/tau},
(sigma^2)_1 = J^2 C_E tau (1 + g^2 gamma) nu_1 e^{-lambda D/tau}; chi from the closed form of gen_transfer_wide.py
(mpmath.pcfu, checked there against the direct boundary-value solution). A Hopf point is a solution (p, w) of
c(i w) = 0, c = 1 - nu_0 e^{-i w D} [chi_mu C_E J tau (1-g gamma)/sigma + chi_var J^2 C_E tau (1+g^2 gamma)/sigma^2],
with p = g at fixed eta (SR/AI line) or p = eta at fixed g (edges of the SI-slow band): two real equations in two
real unknowns, solved by mpmath.findroot (secant/Newton in 2D) from a start near the line.
The C# side decides stability by counting roots (argument principle) and bisecting the regime label: a different
method for the same lines.
Output fig2_lines.csv: C_E,J_mV,line,fixed,value,frequency_Hz,rate_Hz
  line = "SR/AI" (fixed = eta, value = g) or "SI-slow-low"/"SI-slow-high"/"AI/SI-fast" (fixed = g, value = eta).
  Two rows with the same (C_E, J, line, fixed) are two branches (modes near 1/D and 2/D); the line is the larger g.
Run: /usr/bin/python3 gen_fig2.py   (a few minutes)"""
import mpmath as mp
import os

mp.mp.dps = 30
CE = 1000  # set per job
GAMMA, TAU, THETA, VR, TREF, D = mp.mpf('0.25'), mp.mpf('0.02'), mp.mpf('0.02'), mp.mpf('0.01'), mp.mpf('0.002'), mp.mpf('0.0015')


def siegert(mu, sigma):
    yth, yr = (THETA - mu) / sigma, (VR - mu) / sigma
    f = lambda u: mp.exp(u * u) * mp.erfc(-u)   # e^{u^2}(1 + erf u)
    pts = [yr, yth] if yth - yr < 2 else mp.linspace(yr, yth, 8)
    return 1 / (TREF + TAU * mp.sqrt(mp.pi) * mp.quad(f, pts))


def stationary(J, g, eta, guess):
    nuthr = THETA / (CE * J * TAU)
    nuext = eta * nuthr
    mu = lambda nu: CE * J * TAU * (nuext + nu * (1 - g * GAMMA))
    sg = lambda nu: J * mp.sqrt(CE * TAU * (nuext + nu * (1 + g * g * GAMMA)))
    # ln phi - ln nu = 0 in x = ln nu: secant from the guess; if that fails, the sign change nearest the guess on a
    # grid of 6 points per e-fold from 1e-4 to 500 Hz, polished by bisection (anderson) inside the bracket
    F = lambda x: mp.log(siegert(mu(mp.exp(x)), sg(mp.exp(x)))) - x
    try:
        x = mp.findroot(F, mp.log(guess))
    except (ValueError, ZeroDivisionError):
        xs = mp.linspace(mp.log(mp.mpf('1e-4')), mp.log(500), 80)
        fs = [F(x) for x in xs]
        brackets = [(xs[i], xs[i + 1]) for i in range(len(xs) - 1) if fs[i] * fs[i + 1] <= 0]
        lo, hi = min(brackets, key=lambda b: abs(b[0] - mp.log(guess)))
        x = mp.findroot(F, (lo, hi), solver='anderson')
    nu = mp.exp(x)
    return nu, mu(nu), sg(nu)


def chi(yth, yr, rho, lam):
    S2 = mp.sqrt(2)
    def Phi(y):
        x = -S2 * y
        e = mp.exp(x * x / 4)
        p = e * mp.pcfu(lam - mp.mpf(1) / 2, x)
        dp = S2 * lam * e * mp.pcfu(lam + mp.mpf(1) / 2, x)
        return p, dp, 2 * (y * dp + lam * p)
    pt, dpt, ddpt = Phi(yth)
    pr, dpr, ddpr = Phi(yr)
    den = pt - mp.exp(-lam * rho) * pr
    return (dpt - dpr) / ((1 + lam) * den), (ddpt - ddpr) / (2 * (2 + lam) * den)


def charac(J, g, eta, w, guess):
    nu, mu, sg = stationary(J, g, eta, guess)
    lam = mp.mpc(0, w * TAU)
    cm, cs = chi((THETA - mu) / sg, (VR - mu) / sg, TREF / TAU, lam)
    gm = CE * J * TAU * (1 - g * GAMMA) / sg
    gs = J * J * CE * TAU * (1 + g * g * GAMMA) / sg ** 2
    return 1 - nu * mp.exp(-lam * D / TAU) * (cm * gm + cs * gs), nu


def hopf(J, fixed_is_eta, fixed, p0, f0, rate0):
    """Solve c(i w) = 0 for (p, w); p = g if fixed_is_eta else eta."""
    state = {'nu': rate0}
    def F(p, logw):
        w = mp.exp(logw)
        g, eta = (p, fixed) if fixed_is_eta else (fixed, p)
        c, nu = charac(J, g, eta, w, state['nu'])
        state['nu'] = nu
        return [c.real, c.imag]
    p, logw = mp.findroot(F, (mp.mpf(p0), mp.log(2 * mp.pi * f0)), tol=mp.mpf(10) ** -18)
    w = mp.exp(logw)
    return p, w / (2 * mp.pi), state['nu']


# (J, line, fixed, start value, start frequency Hz, start rate Hz): starts from a coarse scan (frequencies of the
# unstable roots near the lines); the solution does not depend on them beyond picking the branch.
# (C_E, J mV, line, fixed, start value, start frequency Hz, start rate Hz): starts near the C# lines (the frequencies of
# the unstable roots next to them); the solution does not depend on them beyond picking the branch.
jobs = [
    (4000, '0.1', 'SR/AI', 1, 3.94, 667, 91), (4000, '0.1', 'SR/AI', 2, 3.94, 678, 169), (4000, '0.1', 'SR/AI', 4, 3.91, 704, 270),
    (4000, '0.1', 'SI-slow-high', 4.5, 0.984, 47, 6.9),  # at g = 4.5 the lower edge is a saddle-node, not a Hopf point
    (4000, '0.1', 'SI-slow-low', 6, 0.823, 6.9, 0.15), (4000, '0.1', 'SI-slow-high', 6, 0.944, 46, 1.39),
    (4000, '0.1', 'SI-slow-low', 8, 0.817, 7.9, 0.066), (4000, '0.1', 'SI-slow-high', 8, 0.946, 48, 0.75),
    (4000, '0.1', 'AI/SI-fast', 6, 2.31, 146, 9.0), (4000, '0.1', 'AI/SI-fast', 8, 1.925, 137, 3.7),
    (1000, '0.2', 'SR/AI', 1, 3.87, 660, 95), (1000, '0.2', 'SR/AI', 2, 3.87, 680, 172), (1000, '0.2', 'SR/AI', 4, 3.82, 700, 270),
    (1000, '0.1', 'SR/AI', 1, 3.19, 650, 264), (1000, '0.1', 'SR/AI', 2, 3.27, 650, 280), (1000, '0.1', 'SR/AI', 4, 3.41, 650, 304),
    # the second delay mode (near 2/D = 1333 Hz) is the last to stabilise here: the line is the larger g of the two
    (1000, '0.1', 'SR/AI', 1, 3.289, 1334, 237),
    # C_E = 4000, J = 0.2 mV (Fig. 1's network; the default Fig. 2 since issue #17): the fast modes near 1/D and 2/D
    # stabilise at g = 4.10-4.18 (SR below g = 4 by the gamma g < 1 naming, SI-fast between); the lower edge of the
    # SI-slow band is a jump of the lowest-rate state (saddle-node), not a Hopf point, at every g, so only its upper edge
    (4000, '0.2', 'SR/AI', 1, 4.175, 668, 23.8), (4000, '0.2', 'SR/AI', 2, 4.124, 684, 63.1), (4000, '0.2', 'SR/AI', 4, 4.098, 1343, 131.1),
    (4000, '0.2', 'SI-slow-high', 4.5, 0.9417, 44.75, 7.22), (4000, '0.2', 'SI-slow-high', 6, 1.0578, 58.0, 1.946),
    (4000, '0.2', 'SI-slow-high', 8, 1.0916, 62.9, 1.085),
    (4000, '0.2', 'AI/SI-fast', 6, 3.3815, 146.6, 8.706), (4000, '0.2', 'AI/SI-fast', 8, 2.5407, 130.7, 3.335),
]

if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    for ce, J, line, fixed, p0, f0, r0 in jobs:
        CE = ce
        Jv = mp.mpf(J) * mp.mpf('1e-3')
        p, f, nu = hopf(Jv, line == 'SR/AI', mp.mpf(fixed), p0, f0, r0)
        # residual check at the solution
        g, eta = (p, fixed) if line == 'SR/AI' else (fixed, p)
        c, _ = charac(Jv, g, eta, 2 * mp.pi * f, nu)
        assert abs(c) < mp.mpf(10) ** -12, (J, line, fixed, c)
        print(ce, J, line, fixed, mp.nstr(p, 10), mp.nstr(f, 8), mp.nstr(nu, 8), flush=True)
        rows.append((ce, J, line, fixed, p, f, nu))
    with open(os.path.join(here, 'fig2_lines.csv'), 'w') as out:
        out.write('C_E,J_mV,line,fixed,value,frequency_Hz,rate_Hz\n')
        for ce, J, line, fixed, p, f, nu in rows:
            out.write(','.join([str(ce), J, line, repr(float(fixed)), mp.nstr(p, 12), mp.nstr(f, 10), mp.nstr(nu, 10)]) + '\n')
