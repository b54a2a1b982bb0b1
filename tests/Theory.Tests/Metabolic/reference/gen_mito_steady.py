#!/usr/bin/python3
"""Reference steady states of the mitochondrial model (Chintaluri & Vogels 2023 after Nazaret et
al. 2009) from the independent numpy/scipy transcription mito_model.py: implicit (BDF)
relaxation from the paper's initial condition, then scipy.optimize.fsolve and Newton steps with a
complex-step Jacobian; the leading eigenvalue (1/s) of that Jacobian times d tau/dt.
Rows: 21 demands geometric over [1, 1000] without extra leak, and demand 10 with extra leak
0.05 and 0.5 M/(V s) (issue #15: the physical fixed point there; the C# once returned an
unphysical root with NAD = -0.034 at 0.5).
Columns: demand, leak, pyr, acc, cit, akg, oaa, nad, atp, dpsi, ros, leading_eig_per_s, residual.
Regenerate: /usr/bin/python3 gen_mito_steady.py > mito_steady_reference.csv"""
import warnings
import numpy as np
import mito_model as m

warnings.simplefilter("ignore")
rows = [(b, 0.0) for b in np.geomspace(1.0, 1000.0, 21)] + [(10.0, 0.05), (10.0, 0.5)]
print("# gen_mito_steady.py (numpy %s)" % np.__version__)
print("demand,leak,pyr,acc,cit,akg,oaa,nad,atp,dpsi,ros,leading_eig_per_s,residual")
for b, dkl in rows:
    kant = b / m.atp_range
    if dkl > 0:
        # long implicit relaxation: the trajectory reaches the physical fixed point by tau ~ 1e4
        from scipy.integrate import solve_ivp
        from scipy.optimize import fsolve
        x0 = np.array([1, 1, 1, 1, 1, 0.94 / 1.07, 0.8 * 3.23 / 4.16, 1.0])
        sol = solve_ivp(lambda t, y: m.rhs(y, kant, dkl), (0, 30000), x0, method="BDF", rtol=1e-6, atol=1e-9,
                        jac=lambda t, y: m.jacobian(y, kant, dkl))
        x = fsolve(lambda y: m.rhs(y, kant, dkl), sol.y[:, -1], fprime=lambda y: m.jacobian(y, kant, dkl), xtol=1e-15)
        for _ in range(3):
            x = x - np.linalg.solve(m.jacobian(x, kant, dkl), m.rhs(x, kant, dkl))
    else:
        x = m.steady_state(b)
    ev = np.linalg.eigvals(m.jacobian(x, kant, dkl)).real.max() * m.rate_scale
    res = np.abs(m.rhs(x, kant, dkl)).max()
    ros = m.ros_inf(x[6], m.psi_norm(x[7]))
    print(",".join("%.17g" % v for v in [b, dkl, *x, ros, ev, res]), flush=True)
