"""Reference values of the LIF transfer functions chi_mu, chi_var over the wide domain the phase diagram needs
(strongly suprathreshold y_r << -5, deep subthreshold y_th up to 8, |lambda| up to 200), independent of the C# code.
Closed form (Green's identity with the adjoint eigenfunction, see LifTransferFunction.cs), with mpmath.pcfu:
  Phi(y) = e^{x^2/4} U(lambda-1/2, x), x = -sqrt2 y;  Phi'(y) = sqrt2 lambda e^{x^2/4} U(lambda+1/2, x);
  Phi'' = 2 (y Phi' + lambda Phi);  D = Phi(y_th) - e^{-lambda rho} Phi(y_r)
  chi_mu = (Phi'(y_th) - Phi'(y_r)) / ((1+lambda) D),  chi_var = (Phi''(y_th) - Phi''(y_r)) / (2 (2+lambda) D).
The closed form is asserted equal (to 1e-25) to the 4x4 boundary-value solution of gen_transfer.py at three
points, and every value is computed at 40 and at 60 digits and asserted to agree (guards mpmath's own accuracy).
Output transfer_wide_reference.csv: y_th,y_r,rho,lambda_re,lambda_im,chi_mu_re,chi_mu_im,chi_var_re,chi_var_im
Run: /usr/bin/python3 gen_transfer_wide.py   (about a minute)"""
import mpmath as mp
import importlib.util, os, sys

def chi(yth, yr, rho, lam):
    S2 = mp.sqrt(2)
    def Phi(y):
        x = -S2 * y
        e = mp.exp(x * x / 4)
        p = e * mp.pcfu(lam - mp.mpf(1) / 2, x)
        dp = S2 * lam * e * mp.pcfu(lam + mp.mpf(1) / 2, x)
        return p, dp, 2 * (y * dp + lam * p)
    pt, dpt, ddpt = Phi(mp.mpf(yth))
    pr, dpr, ddpr = Phi(mp.mpf(yr))
    den = pt - mp.exp(-lam * mp.mpf(rho)) * pr
    return (dpt - dpr) / ((1 + lam) * den), (ddpt - ddpr) / (2 * (2 + lam) * den)

# the closed form equals the boundary-value system of gen_transfer.py
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, 'gen_transfer.py')).read().split('for yth, yr, lam in')[0]
bvp = {}
mp.mp.dps = 60
exec(src, bvp)
for yth, yr, rho, lam in [(1.0, -1.0, 0.1, mp.mpc(0.1, 3)), (2.5, 0.5, 0.1, mp.mpc(0, 40)), (-1.0, -3.0, 0.05, mp.mpc(-0.3, 25))]:
    a = bvp['chi'](yth, yr, rho, lam)
    b = chi(yth, yr, rho, lam)
    for u, v in zip(a, b):
        assert abs(u - v) < mp.mpf(10) ** -25 * abs(u), (yth, yr, lam, u, v)

states = [  # (y_th, y_r, rho): strongly suprathreshold, deep subthreshold, and in between
    (-4.0, -6.0, 0.1), (-6.0, -7.0, 0.1), (-12.0, -12.7, 0.1), (-30.0, -31.0, 0.1), (-100.0, -100.7, 0.1),
    (-20.0, -40.0, 0.1), (-8.0, -10.0, 0.0), (5.0, -2.0, 0.1), (8.0, 0.0, 0.1), (6.0, 3.0, 0.1),
    (3.2, -4.7, 0.1), (1.7, -2.4, 0.1), (0.5, -9.0, 0.1)]
lams = [mp.mpc(0.05, 0), mp.mpc(2, 0), mp.mpc(0, 1), mp.mpc(0, 30), mp.mpc(-0.5, 45), mp.mpc(3, 60), mp.mpc(0, 90),
        mp.mpc(-0.9, 126), mp.mpc(5, 150), mp.mpc(0, 200), mp.mpc(40, 10),
        mp.mpc(0, 10.5), mp.mpc(-0.9, 10), mp.mpc(7, 8), mp.mpc(0.5, 9.8)]  # last four: either side of |lambda| = 10
rows = []
for yth, yr, rho in states:
    for lam in lams:
        mp.mp.dps = 40
        lo = chi(yth, yr, rho, lam)
        mp.mp.dps = 60
        hi = chi(yth, yr, rho, lam)
        for u, v in zip(lo, hi):
            assert abs(u - v) <= mp.mpf(10) ** -30 * abs(v), (yth, yr, lam, u, v)
        rows.append((yth, yr, rho, lam) + hi)
with open(os.path.join(here, 'transfer_wide_reference.csv'), 'w') as out:
    out.write('y_th,y_r,rho,lambda_re,lambda_im,chi_mu_re,chi_mu_im,chi_var_re,chi_var_im\n')
    for yth, yr, rho, lam, cm, cs in rows:
        out.write(','.join([repr(yth), repr(yr), repr(rho), mp.nstr(lam.real, 17), mp.nstr(lam.imag, 17)] +
                           [mp.nstr(v, 20) for v in (cm.real, cm.imag, cs.real, cs.imag)]) + '\n')
print(len(rows), 'rows')
