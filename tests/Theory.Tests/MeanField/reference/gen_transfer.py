"""Reference values of the LIF transfer functions chi_mu, chi_var (see LifTransferFunction.cs)
at complex lambda = s*tau, evaluated independently of the C# code: the 4x4 boundary-value system
(unknowns C1, C2, C3, r1) is solved with mpmath at 30 digits with the parabolic cylinder functions
U(lambda-1/2, +-sqrt2 y) from mpmath.pcfu as homogeneous basis on both sides of the reset.
Also checks (assert) that with tau_ref = 0 chi_mu equals the Schuecker et al. 2015 (NNMT 'shift'
formula with tau_s = 0) ratio sqrt2/(1+lambda) [Psi'(x_th)-Psi'(x_r)]/[Psi(x_th)-Psi(x_r)],
Psi(z,x) = e^{x^2/4} U(z,-x), Psi' = (1/2+z) Psi(z+1,x), z = lambda - 1/2, x = sqrt2 y.
Output transfer_reference.csv: y_th,y_r,rho,lambda_re,lambda_im,chi_mu_re,chi_mu_im,chi_var_re,chi_var_im
Run: /usr/bin/python3 gen_transfer.py"""
import mpmath as mp

mp.mp.dps = 60
S2 = mp.sqrt(2)

def U(a, x):
    return mp.pcfu(a, x)

def dU(a, x):  # DLMF 12.8.2
    return -x / 2 * U(a, x) - (a + mp.mpf(1) / 2) * U(a + 1, x)

def f(lam, y, sign):
    """e^{-y^2/2} U(lam-1/2, sign*sqrt2*y) and its y-derivative."""
    a, x = lam - mp.mpf(1) / 2, sign * S2 * y
    e = mp.exp(-y * y / 2)
    return e * U(a, x), e * (-y * U(a, x) + sign * S2 * dU(a, x))

def chi(yth, yr, rho, lam):
    yth, yr, rho = mp.mpf(yth), mp.mpf(yr), mp.mpf(rho)
    fl, dfl = f(lam, yr, -1)          # decays at -inf
    fr, dfr = f(lam, yr, -1)
    gr, dgr = f(lam, yr, +1)
    ft, dft = f(lam, yth, -1)
    gt, dgt = f(lam, yth, +1)
    E = mp.exp(-lam * rho)
    out = []
    for (a, b, q) in [(-1 / (1 + lam), 0, 0), (0, 1 / (2 * (2 + lam)), 1)]:
        At, Ar = 2 * a - 4 * b * yth, 2 * a - 4 * b * yr
        Br = -4 * a * yr - b * (8 - 8 * yr * yr)
        Bt = -2 * a * yth - b * (4 - 4 * yth * yth) + q
        # unknowns C1 (left), C2, C3 (interval: C2 f + C3 g), r1
        A = mp.matrix([[0, ft, gt, 0],
                       [-fl, fr, gr, 0],
                       [-dfl, dfr, dgr, 2 * E],
                       [0, dft / 2, dgt / 2, 1]])
        rhs = mp.matrix([At, Ar, 2 * q + Br, Bt])
        out.append(mp.lu_solve(A, rhs)[3])
    return out

def schuecker(yth, yr, lam):
    z, xt, xr = lam - mp.mpf(1) / 2, S2 * yth, S2 * yr
    Psi = lambda z, x: mp.exp(x * x / 4) * U(z, -x)
    dPsi = lambda z, x: (mp.mpf(1) / 2 + z) * Psi(z + 1, x)
    return S2 / (1 + lam) * (dPsi(z, xt) - dPsi(z, xr)) / (Psi(z, xt) - Psi(z, xr))

for yth, yr, lam in [(1.0, -1.0, mp.mpc(0.1, 3)), (2.5, 0.5, mp.mpc(0, 10)), (0.3, -2.0, mp.mpc(0.5, 25))]:
    c = chi(yth, yr, 0, lam)[0]
    s = schuecker(mp.mpf(yth), mp.mpf(yr), lam)
    assert abs(c - s) < mp.mpf(10) ** -20 * abs(s), (c, s)

rows = []
for yth, yr, rho in [(0.65, -0.65, 0.1), (1.0, -1.0, 0.1), (2.5, 0.5, 0.1), (0.3, -2.0, 0.1), (-0.5, -2.5, 0.1),
                     (3.5, 1.5, 0.1), (1.2, -3.0, 0.0), (-1.0, -3.0, 0.05), (4.0, 2.0, 0.1)]:
    # lambda = 0 excluded: U(-1/2, x) and U(-1/2, -x) coincide there (tested via Siegert derivatives instead)
    for lam in [mp.mpc(0.3, 0), mp.mpc(0, 0.5), mp.mpc(0, 3), mp.mpc(0.2, 10), mp.mpc(-0.3, 25), mp.mpc(0, 40),
                mp.mpc(0.5, 60), mp.mpc(0, 120)]:
        try:
            cm, cs = chi(yth, yr, rho, lam)
        except ZeroDivisionError:
            print('skipped (basis U(a,x), U(a,-x) dependent to working precision):', yth, yr, lam)
            continue
        rows.append((yth, yr, rho, lam, cm, cs))
with open('transfer_reference.csv', 'w') as out:
    out.write('y_th,y_r,rho,lambda_re,lambda_im,chi_mu_re,chi_mu_im,chi_var_re,chi_var_im\n')
    for yth, yr, rho, lam, cm, cs in rows:
        out.write(','.join([repr(yth), repr(yr), repr(rho), mp.nstr(lam.real, 17), mp.nstr(lam.imag, 17)] +
                           [mp.nstr(v, 20) for v in (cm.real, cm.imag, cs.real, cs.imag)]) + '\n')
print(len(rows), 'rows')
