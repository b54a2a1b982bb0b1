"""Reference values for the extreme ends of Theory.MeanField.Siegert (issue #13): 50-digit mpmath
quadrature of Brunel (2000) eq. 21 at exact double inputs, where sigma -> 0 (deterministic limit
and the crossover mu ~ theta), where y_r overflows double (V_r = -1e308) and at the largest y.
Independent of the C# code: for s = -u >= 10 the integrand erfcx(s) is Laplace's continued
fraction (1/sqrt(pi)) / (s + (1/2)/(s + 1/(s + (3/2)/(s + ...)))) integrated in t = ln s by
tanh-sinh quadrature; for -10 <= u <= y_theta mpmath's erfc(-u) exp(u^2) is integrated directly.
Prints F# tuples (mu, sigma, theta, vreset, ln nu) for SiegertLimitTests.fs.
Run: /usr/bin/python3 gen_siegert_limits.py"""
import mpmath as mp

mp.mp.dps = 50

def erfcx_cf(s, terms=400):
    f = s
    for k in range(terms, 0, -1):
        f = s + mp.mpf(k) / 2 / f
    return 1 / (mp.sqrt(mp.pi) * f)

def integral(yr, yth):
    """int_{yr}^{yth} erfcx(-u) du, yr < yth, yth <= 10."""
    I = mp.mpf(0)
    lo = max(yr, mp.mpf(-10))
    if lo < yth:
        I += mp.quad(lambda u: mp.erfc(-u) * mp.exp(u * u), mp.linspace(lo, yth, 8))
    if yr < -10:
        a, b = max(-yth, mp.mpf(10)), -yr
        ta, tb = mp.log(a), mp.log(b)
        n = int(mp.ceil(tb - ta)) + 1
        I += mp.quad(lambda t: erfcx_cf(mp.exp(t)) * mp.exp(t), mp.linspace(ta, tb, n + 1))
    return I

def log_rate(mu, sigma, tau=0.02, theta=0.02, vr=0.01, tref=0.002):
    mu, sigma, tau, theta, vr, tref = map(mp.mpf, (mu, sigma, tau, theta, vr, tref))
    yth, yr = (theta - mu) / sigma, (vr - mu) / sigma
    return -mp.log(tref + tau * mp.sqrt(mp.pi) * integral(yr, yth))

if __name__ == "__main__":
    th = 0.02
    cases = []
    for s in [1e-3, 1e-6, 1e-12, 1e-100, 1e-200, 1e-310]:
        cases.append((0.025, s, th, 0.01))
    for s in [1e-6, 1e-20, 1e-200, 1e-310]:
        cases.append((th, s, th, 0.01))
    for k in [1.0, -1.0, 3.0, -3.0]:
        cases.append((th + k * 1e-8, 1e-8, th, 0.01))
    # the crossover mu ~ theta at sigma = 1e-200 needs theta = 0 to be representable
    for k in [1.0, -1.0, 3.0, -3.0, 0.0]:
        cases.append((k * 1e-200, 1e-200, 0.0, -0.01))
    cases.append((0.015, 0.005, th, -1e308))
    cases.append((0.025, 1e-200, th, -1e308))
    for (mu, s, t, vr) in cases:
        l = log_rate(mu, s, theta=t, vr=vr)
        print("        %r, %r, %r, %r, %s" % (mu, s, t, vr, mp.nstr(l, 20)))
