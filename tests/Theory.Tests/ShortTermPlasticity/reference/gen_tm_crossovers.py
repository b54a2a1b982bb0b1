#!/usr/bin/python3
"""Crossover rates and stages of the Jia, Vogels & Costa (2022) Tsodyks-Markram synapses, from the
paper's synapse equations (djia/dev-stp, dev_stp.py), with mpmath at 40 digits, written from the equations without the C# code.

Synapse (paper's convention): at a spike, efficacy E = A u R, then R -= u R, u += f (1 - u);
between spikes R -> 1 with tau_D, u -> U with tau_F. A = 1/U (rested efficacy 1).
Crossover rate nu_c > 0: steady-state mean efficacy per spike E(nu_c) = E(0+) = A U.
  regular:  fixed point of the interval map at interval T = 1/nu;
  poisson:  the independence approximation <u R> = <u><R> with E[e^{-D/tau}] = nu tau/(1 + nu tau);
  exact:    <u^k R> from the moment hierarchy of the Poisson interval map (the method of the C#
            PoissonExact, written here from the equations alone), truncated at order K
            (K = 40 and 60 agree to 30 digits; K = 60 used), <u^k> exactly.
Stage s: geometric schedule p(s) = p_early^(1-s) p_late^s for U, tau_D, tau_F, f; A = 1/U;
crossover stage at rate nu (regular trains): E(nu; s) = E(0+; s).
Output: tm_crossovers.csv (quantity,value).
"""
import mpmath as mp

mp.mp.dps = 40
EARLY = (mp.mpf("0.3917"), mp.mpf("0.3134"), mp.mpf("0.0798"), mp.mpf("0.0625"))
LATE = (mp.mpf("0.1973"), mp.mpf("0.0845"), mp.mpf("0.2959"), mp.mpf("0.1168"))


def at(s):
    return tuple(e ** (1 - s) * l ** s for e, l in zip(EARLY, LATE))


def rel_regular(p, nu):
    U, tD, tF, f = p
    T = 1 / nu
    dF, dD = mp.exp(-T / tF), mp.exp(-T / tD)
    # u- fixed point: u = U + (u + f(1-u) - U) dF  (linear)
    u = (U + (f - U) * dF) / (1 - (1 - f) * dF)
    # R- fixed point: R = 1 - (1 - R(1-u)) dD  (linear)
    R = (1 - dD) / (1 - (1 - u) * dD)
    return u * R / U


def rel_poisson_indep(p, nu):
    U, tD, tF, f = p
    eF, eD = nu * tF / (1 + nu * tF), nu * tD / (1 + nu * tD)
    u = (U + (f - U) * eF) / (1 - (1 - f) * eF)
    R = (1 - eD) / (1 - (1 - u) * eD)
    return u * R / U


def rel_poisson_exact(p, nu, K=60):
    U, tD, tF, f = p
    # u_{n+1} = U + (f - U + (1-f) u_n) dF, R_{n+1} = 1 - dD + dD R_n (1 - u_n), D ~ Exp(nu)
    # E[dF^j] = nu/(nu + j/tF), E[dF^j dD] = nu/(nu + j/tF + 1/tD)
    EF = lambda j: nu / (nu + j / tF)
    EFD = lambda j: nu / (nu + j / tF + 1 / tD)
    a, b = f - U, 1 - f
    # (a + b u)^j = sum_i C(j,i) a^(j-i) b^i u^i
    def poly(j):
        return [mp.binomial(j, i) * a ** (j - i) * b ** i for i in range(j + 1)]
    # u^k_{n+1} = sum_j C(k,j) U^(k-j) (a + b u_n)^j dF^j
    # moments m_k = E[u^k]: linear system (triangular)
    N = K + 2
    M = mp.matrix(N, N); rhs = mp.matrix(N, 1)
    M[0, 0] = 1; rhs[0] = 1            # m_0 = 1 (the k = 0 recursion is an identity)
    for k in range(1, N):
        M[k, k] += 1
        for j in range(k + 1):
            c = mp.binomial(k, j) * U ** (k - j) * EF(j)
            for i, q in enumerate(poly(j)):
                M[k, i] -= c * q
    m = mp.lu_solve(M, rhs)
    # p_k = E[u^k R]: p_k = E[u'^k] - E[u'^k dD] + E[u'^k dD R (1-u)], truncated: p_{K+1} := p_K * m_{K+1}/m_K
    P = mp.matrix(K + 1, K + 1); r = mp.matrix(K + 1, 1)
    for k in range(K + 1):
        P[k, k] += 1
        r[k] = m[k]
        for j in range(k + 1):
            cF = mp.binomial(k, j) * U ** (k - j)
            for i, q in enumerate(poly(j)):
                # - E[dF^j dD] E[u^i]  and  + E[dF^j dD] E[u^i R (1-u)] = (p_i - p_{i+1})
                r[k] -= cF * q * EFD(j) * m[i]
                w = cF * q * EFD(j)
                P[k, i] -= w
                if i + 1 <= K:
                    P[k, i + 1] += w
                else:
                    P[k, K] += w * m[K + 1] / m[K]
    pk = mp.lu_solve(P, r)
    return pk[1] / U


def crossover_rate(rel, p, guess):
    return mp.findroot(lambda nu: rel(p, nu) - 1, guess)


def crossover_stage(nu, guess):
    return mp.findroot(lambda s: rel_regular(at(s), nu) - 1, guess)


if __name__ == "__main__":
    late = at(mp.mpf(1))
    rows = [
        ("crossover_rate_regular_hz", crossover_rate(rel_regular, late, 48)),
        ("crossover_rate_poisson_independence_hz", crossover_rate(rel_poisson_indep, late, 42)),
        ("crossover_rate_poisson_exact_hz", crossover_rate(rel_poisson_exact, late, 41.6)),
        ("crossover_stage_10hz_regular", crossover_stage(10, 0.62)),
        ("crossover_stage_20hz_regular", crossover_stage(20, 0.73)),
    ]
    with open("tm_crossovers.csv", "w") as fh:
        fh.write("quantity,value\n")
        for name, v in rows:
            fh.write(f"{name},{mp.nstr(v, 15)}\n")
            print(name, mp.nstr(v, 15))
