#!/usr/bin/python3
"""Independent transcription of the reduced mitochondrial model of Chintaluri & Vogels 2023
(PNAS 120:e2306525120; after Nazaret et al., J. Theor. Biol. 258:455, 2009) in numpy/scipy, written
from the equations of the paper's Methods and the spec (shared/specs/metabolic.md), not from
Theory's C#. Shared by gen_mito_steady.py and gen_metabolic_neuron.py.

Variables (normalised): x = [pyr, acc, cit, akg, oaa, nad, atp, dpsi]; time tau = (k1/[pyr]s) t,
with t in ms as in the paper's code (so d tau / dt = k1/[pyr]s * 1000 per second).
Every function accepts x with trailing batch dimensions (x.shape = (8, ...))."""
import numpy as np
from scipy.special import erf
from scipy.optimize import fsolve
from scipy.integrate import solve_ivp

# constants (M, 1/s, V; Nazaret et al. 2009 Table 1 as used by the paper)
k1, k2, k3, k4, k5, k6, k7, k8 = 38e-6, 152.0, 57142.0, 53.0, 82361.0, 3.2e-3, 40.0, 3.6
kL, kR, kATP = 0.426e-3, 0.0024905, 0.1318967
At, Nt, asp, glu, Knad, Pi, Cm = 4.16e-3, 1.07e-3, 1.6e-3, 5.3e-3, 0.002, 2.4e-3, 6.75e-3
a_resp, b_syn, dG0, R, T, F = 100.0, 4.0, 30540.0, 8.314, 298.0, 96465.0
s_pyr, s_acc, s_cit, s_akg, s_oaa, psi_m = 0.14e-3, 0.07e-3, 0.4e-3, 0.25e-3, 0.005e-3, 0.150
psi_lo, psi_hi = 0.125, 0.190
atp_range = 1000.0
rate_scale = k1 / s_pyr * 1000.0   # d tau / dt, 1/s (code's dt in ms)


def fluxes(x, kant, dkl=0.0, fant=1.0):
    pyr, acc, cit, akg, oaa, nad, atp, dpsi = x
    Keq = 0.12 * glu / asp
    v1 = np.ones_like(pyr)
    v2 = (k2 * Nt * s_pyr / k1) * nad * pyr                      # PDH
    v3 = (k3 * s_acc * s_oaa / k1) * acc * oaa                   # citrate synthase
    v4 = (k4 * s_cit * Nt / k1) * cit * nad                      # IDH
    v5 = (k5 * s_akg * Nt * At / k1) * akg * (1.0 - atp) * nad   # KGDH + SCS
    v6 = (k6 * s_oaa / k1) * (oaa - s_akg / (s_oaa * Keq) * akg) # AAT
    v7 = (k7 * s_pyr * At / k1) * pyr * atp                      # pyruvate carboxylase
    v8 = (k8 * s_oaa / k1) * oaa                                 # OAA efflux
    vl = (kL + dkl) * psi_m / k1 * dpsi                          # proton leak
    vant = fant * kant * At / k1 * atp                           # ANT
    vr = kR / k1 * (1.0 - nad) / (Knad / Nt + 1.0 - nad) / (1.0 + np.exp(a_resp * psi_m * (dpsi - 1.0)))
    ac = Pi / (Pi + np.exp(dG0 / (R * T) - 3.6 * F / (R * T) * psi_m * dpsi))
    vatp = kATP / k1 * (2.0 / (1.0 + np.exp(b_syn * At * (atp - ac))) - 1.0)
    return v1, v2, v3, v4, v5, v6, v7, v8, vl, vant, vr, vatp


def rhs(x, kant, dkl=0.0, fant=1.0):
    v1, v2, v3, v4, v5, v6, v7, v8, vl, vant, vr, vatp = fluxes(x, kant, dkl, fant)
    return np.array([
        v1 - v2 - v7,
        (v2 - v3) * s_pyr / s_acc,
        (v3 - v4) * s_pyr / s_cit,
        (v4 + v6 - v5) * s_pyr / s_akg,
        (v5 + v7 - v3 - v8 - v6) * s_pyr / s_oaa,
        (vr - v2 - v4 - 2.0 * v5) * s_pyr / Nt,
        (vatp - vant + v5 - v7) * s_pyr / At,
        (10.0 * vr - vl - 3.0 * vatp - vant) * s_pyr / (psi_m * Cm),
    ])


def psi_norm(dpsi):
    return (dpsi * psi_m - psi_lo) / (psi_hi - psi_lo)


def ros_inf(atp, psi):
    return (atp * psi + (1.0 - atp) * (1.0 - psi)) ** 3


def ros_tau(b, tau_peak=1.2):
    """tau_R (s) at baseline demand b (gates.ros_tau: floor 0.01 ms, peak 1200 ms, ln b flanks 3.9/4.6, width 0.25)."""
    l = np.log(b)
    return 1e-5 + tau_peak / (np.exp((l - 3.9) / 0.25) + np.exp(-(l - 4.6) / 0.25))


def jacobian(x, kant, dkl=0.0):
    """Jacobian d rhs / dx by complex-step differentiation (exact to rounding, independent of
    the C#'s central differences)."""
    J = np.zeros((8, 8))
    h = 1e-30
    for c in range(8):
        xc = x.astype(complex)
        xc[c] += 1j * h
        J[:, c] = np.imag(rhs(xc, kant, dkl)) / h
    return J


def steady_state(b, dkl=0.0):
    """Fixed point at demand b: relax with an implicit integrator (BDF) to tau = 2000 from the
    paper's initial condition (with dpsi = 1), then polish with fsolve (MINPACK hybrd) and an
    analytic-Jacobian Newton step."""
    kant = b / atp_range
    x0 = np.array([1, 1, 1, 1, 1, 0.94 / 1.07, 0.8 * 3.23 / 4.16, 1.0])
    sol = solve_ivp(lambda t, y: rhs(y, kant, dkl), (0, 2000), x0, method="BDF", rtol=1e-6, atol=1e-9,
                    jac=lambda t, y: jacobian(y, kant, dkl))
    x = fsolve(lambda y: rhs(y, kant, dkl), sol.y[:, -1], fprime=lambda y: jacobian(y, kant, dkl), xtol=1e-15)
    for _ in range(3):
        x = x - np.linalg.solve(jacobian(x, kant, dkl), rhs(x, kant, dkl))
    return x
