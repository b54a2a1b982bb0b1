"""Piecewise Chebyshev fits of erfcx, Dawson and G(x)=int_0^x erfcx, computed with mpmath.
Shared by gen_fits.py (emits the C# tables) and gen_numerics_reference.py."""
import mpmath as mp

def SQPI_():
    return mp.sqrt(mp.pi)

def erfcx(x):
    x = mp.mpf(x)
    return mp.erfc(x) * mp.exp(x * x)

def dawson(x):
    x = mp.mpf(x)
    return SQPI_() / 2 * mp.exp(-x * x) * mp.erfi(x)

def G(x):
    """int_0^x erfcx(s) ds = (sqrt(pi)/2) erfi(x) - (x^2/sqrt(pi)) 2F2(1,1;3/2,2;x^2)."""
    x = mp.mpf(x)
    with mp.workdps(mp.mp.dps + int(x * x / 2.3) + 10):
        return +(SQPI_() / 2 * mp.erfi(x) - x * x / SQPI_() * mp.hyp2f2(1, 1, 1.5, 2, x * x))

def cheb_monomial(f, a, b, n):
    """Monomial coefficients c_k of the degree-n Chebyshev interpolant of f on [a,b] in t=(x-mid)/half."""
    mid, half = (a + b) / 2, (b - a) / 2
    N = n + 1
    nodes = [mp.cos(mp.pi * (j + mp.mpf(1) / 2) / N) for j in range(N)]
    vals = [f(mid + half * t) for t in nodes]
    cheb = []
    for k in range(N):
        s = sum(vals[j] * mp.cos(mp.pi * k * (j + mp.mpf(1) / 2) / N) for j in range(N))
        cheb.append(s * (1 if k == 0 else 2) / N)
    # Chebyshev -> monomial
    T = [[mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]]
    for k in range(2, N):
        p = [mp.mpf(0)] + [2 * c for c in T[k - 1]]
        for i, c in enumerate(T[k - 2]):
            p[i] -= c
        T.append(p)
    mono = [mp.mpf(0)] * N
    for k in range(N):
        for i, c in enumerate(T[k]):
            mono[i] += cheb[k] * c
    return [float(c) for c in mono]
