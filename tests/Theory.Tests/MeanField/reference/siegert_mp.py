"""Siegert rate by 50-digit mpmath quadrature of Brunel (2000) eq. 21, independent of the C#
erfcx/Dawson formulation:  1/nu = tau_rp + tau sqrt(pi) int_{y_r}^{y_th} exp(u^2) (1 + erf u) du."""
import mpmath as mp

def integrand(u):
    return mp.erfc(-u) * mp.exp(u * u)

def siegert_integral(yr, yth):
    """int_{yr}^{yth} exp(u^2) erfc(-u) du with break points adapted to the integrand's scales."""
    yr, yth = mp.mpf(yr), mp.mpf(yth)
    pts = {yr, yth}
    if yr < 0 < yth:
        pts.add(mp.mpf(0))
    # negative side: integrand ~ 1/(sqrt(pi)|u|), log-spaced points
    lo, hi = yr, min(yth, mp.mpf(0))
    if lo < -1 and lo < hi:
        u = -mp.mpf(1)
        while u > lo:
            if u < hi:
                pts.add(u)
            u *= 2
    # positive side: integrand ~ exp(u^2): e-folding length 1/(2u) near the top
    if yth > 1:
        d = 1 / (2 * yth)
        for k in [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256]:
            u = yth - k * d
            if u > max(yr, 0):
                pts.add(u)
        # drop the part below where exp(u^2 - yth^2) < 1e-80 (relative contribution)
        cut2 = yth * yth - 190
        if cut2 > 0 and mp.sqrt(cut2) > max(yr, 0):
            cut = mp.sqrt(cut2)
            pts = {p for p in pts if p >= cut}
            pts.add(cut)
            yr = cut
    # fill big gaps on the positive side with unit steps
    p = sorted(pts)
    full = []
    for a, b in zip(p[:-1], p[1:]):
        n = int(mp.ceil((b - a) / 1)) if b > 0 else 1
        n = max(1, min(n, 64))
        full += [a + (b - a) * j / n for j in range(n)]
    full.append(p[-1])
    return mp.quad(integrand, full)

def log_rate(mu, sigma, tau=0.02, theta=0.02, vr=0.01, tref=0.002):
    """ln(nu / Hz), exact inputs (doubles) taken as exact binary values."""
    mu, sigma, tau, theta, vr, tref = map(mp.mpf, (mu, sigma, tau, theta, vr, tref))
    yth, yr = (theta - mu) / sigma, (vr - mu) / sigma
    I = siegert_integral(yr, yth)
    return -mp.log(tref + tau * mp.sqrt(mp.pi) * I)

def rate(*a, **k):
    return mp.exp(log_rate(*a, **k))
