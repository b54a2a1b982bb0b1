"""Independent reference for the Chintaluri & Vogels 2023 analyses of issue #15 (tests: MetabolicAnalysesTests.fs).

Written from the paper's equations (PNAS 120:e2306525120, SI) and the model definitions of the authors' code
(ccluri/metabolic_spiking: mitochondria.py, gates.py, utils.Q_nak, fig2.py, lifcell.py, *_intrinsic_summary.py),
with numpy only; none of the library's code is used. Conventions shared with the library (documented in its XML docs):
start at the converged fixed point (Newton here), translocator factor from the current ATP, a spike's cost from the
next step with Q(0), the kernel Q tabulated in single precision (as the library's table; the float64 effect is printed).

Run: /usr/bin/python3 gen_metabolic_analyses.py  (numpy 1.24, scipy 1.10; ~2-3 min) -> metabolic_analyses_reference.csv
CSV: kind,case,key,value  (value a float; spike lists as ';'-separated seconds under key 'spikes').
"""
import math
import numpy as np
from scipy.special import erf

# ---------------- mitochondrion (Nazaret et al. 2009 as reduced in the paper) ----------------
k1, k2, k3, k4, k5, k6, k7, k8 = 38e-6, 152.0, 57142.0, 53.0, 82361.0, 3.2e-3, 40.0, 3.6
kL, kR, kATP = 0.426e-3, 0.0024905, 0.1318967
At, Nt, Asp, Glu, KNAD, Pi, Cm = 4.16e-3, 1.07e-3, 1.6e-3, 5.3e-3, 0.002, 2.4e-3, 6.75e-3
a_resp, b_syn, dG0, Rg, T, F = 100.0, 4.0, 30540.0, 8.314, 298.0, 96465.0
pyr_s, acc_s, cit_s, akg_s, oaa_s, dpsi_m = 0.14e-3, 0.07e-3, 0.4e-3, 0.25e-3, 0.005e-3, 0.150
PSI_MIN, PSI_MAX, ATP_RANGE = 0.125, 0.190, 1000.0
TIMESCALE = k1 / (pyr_s * 1e-3)      # dτ/dt (1/s)

def psi_of(dpsi):                      # normalised ψ from ΔΨ/ΔΨ_m
    return (dpsi * dpsi_m - PSI_MIN) / (PSI_MAX - PSI_MIN)

def fluxes(x, demand, dkL=0.0, f=1.0):
    pyr, acc, cit, akg, oaa, nad, atp, dpsi = x
    Keq = 0.12 * Glu / Asp
    v = {}
    v['2'] = k2 / k1 * Nt * pyr_s * nad * pyr
    v['3'] = k3 / k1 * acc_s * oaa_s * acc * oaa
    v['4'] = k4 / k1 * cit_s * Nt * cit * nad
    v['5'] = k5 / k1 * akg_s * Nt * At * akg * (1 - atp) * nad
    v['6'] = k6 / k1 * oaa_s * (oaa - akg_s / (oaa_s * Keq) * akg)
    v['7'] = k7 / k1 * pyr_s * At * pyr * atp
    v['8'] = k8 / k1 * oaa_s * oaa
    v['L'] = (kL + dkL) / k1 * dpsi_m * dpsi
    v['ANT'] = f * (demand / ATP_RANGE) / k1 * At * atp
    v['r'] = kR / k1 * (1 - nad) / (KNAD / Nt + 1 - nad) / (1 + math.exp(a_resp * dpsi_m * (dpsi - 1)))
    acrit = Pi / (Pi + math.exp(dG0 / (Rg * T) - 3.6 * F / (Rg * T) * dpsi_m * dpsi))
    v['ATP'] = kATP / k1 * (2 / (1 + math.exp(b_syn * At * (atp - acrit))) - 1)
    return v

def deriv(x, demand, dkL=0.0, f=1.0):
    v = fluxes(x, demand, dkL, f)
    return np.array([
        1 - v['2'] - v['7'],
        (v['2'] - v['3']) * pyr_s / acc_s,
        (v['3'] - v['4']) * pyr_s / cit_s,
        (v['4'] + v['6'] - v['5']) * pyr_s / akg_s,
        (v['5'] + v['7'] - v['3'] - v['8'] - v['6']) * pyr_s / oaa_s,
        (v['r'] - v['2'] - v['4'] - 2 * v['5']) * pyr_s / Nt,
        (v['ATP'] - v['ANT'] + v['5'] - v['7']) * pyr_s / At,
        (10 * v['r'] - v['L'] - 3 * v['ATP'] - v['ANT']) * pyr_s / (dpsi_m * Cm)])

def steady(demand):
    """Fixed point: 3 s of Euler from the code's initial state, then Newton with a central-difference Jacobian."""
    x = np.array([1, 1, 1, 1, 1, 0.94 / 1.07, 0.8 * 3.23 / 4.16, 1.0])
    h = TIMESCALE * 1e-4
    for _ in range(30000):
        x = x + h * deriv(x, demand)
    for _ in range(50):
        g = deriv(x, demand)
        J = np.zeros((8, 8))
        for j in range(8):
            e = np.zeros(8); e[j] = 1e-7 * max(1.0, abs(x[j]))
            J[:, j] = (deriv(x + e, demand) - deriv(x - e, demand)) / (2 * e[j])
        dx = np.linalg.solve(J, -g)
        x = x + dx
        if np.max(np.abs(dx)) < 1e-15:
            break
    return x

# ---------------- ROS ----------------
def rinf(gen, atp, psi):
    if gen == 'rotenone':
        return (atp * psi / 1.25 + (1 - atp) * (1 - psi) / 0.8) ** 3
    s = (atp * psi + (1 - atp) * (1 - psi)) ** 3
    return s + 0.1 if gen == 'minisog' else (s / 1.15 ** 3 if gen == 'aox' else s)

def tau_ros(demand):
    l = math.log(demand)
    return 1e-5 + 1.2 / (math.exp((l - 3.9) / 0.25) + math.exp(-(l - 4.6) / 0.25))

def kernel(dt, tau_rise=5e-3, tau_q=0.1, dur=1.0, single=True):
    t = np.arange(int(round(dur / dt))) * dt
    raw = lambda s: 1 / (np.exp((s - 1e-3) / tau_q) + 30 * np.exp(-(s - 3e-3) / tau_rise))
    tpk = (math.log(30 * tau_q / tau_rise) + 1e-3 / tau_q + 3e-3 / tau_rise) / (1 / tau_q + 1 / tau_rise)
    q = raw(t) / raw(tpk)
    return q.astype(np.float32).astype(np.float64) if single else q

# ---------------- the metabolic cell (Fig. 2: RET and FET) ----------------
def cell(trigger, demand, q, refr=6e-3, gen='control', theta_ret=0.025, theta_fet=-0.05, clamp=2e-9, tau_rise=5e-3,
         dur=2.5, dt=1e-5, single=True, ros_from=0.2):
    x = steady(demand)
    atp0 = x[6]
    Q = kernel(dt, tau_rise, single=single)
    n = int(round(dur / dt))
    load = np.zeros(n + len(Q) + 2)
    R = rinf(gen, x[6], psi_of(x[7]))
    tau = tau_ros(demand)
    h = TIMESCALE * dt
    # LIF interval of the FET clamp: τ ln((RI + E − Vr)/(RI + E − Vt))
    drive = 10e6 * clamp - 0.070
    lif = 0.010 * math.log((drive + 0.080) / (drive + 0.054)) if drive > -0.054 else math.inf
    refr_ms = 1e3 * (max(lif, refr) if trigger == 'fet' else refr)
    on, off = int(round(0.7 / dt)), int(round(1.0 / dt))
    spiked, elapsed, spikes, rsum, rn = False, 0.0, [], 0.0, 0
    dt_ms = dt * 1e3
    for i in range(n):
        L = load[i] * q
        f = 1 + 10 * math.erf(10 * (x[6] - (atp0 - L)))
        x = x + h * deriv(x, demand, 1e-3 * L, f)
        R = R + (rinf(gen, x[6], psi_of(x[7])) - R) / tau * dt
        ms = R * (x[6] - 0.71218258)
        fire = (on <= i < off and math.isfinite(lif) and clamp > 0) if trigger == 'fet' else ms > theta_ret
        if fire and not spiked:
            spiked, elapsed = True, 0.0
            spikes.append(i * dt)
            load[i + 1:i + 1 + len(Q)] += Q
        elif elapsed < refr_ms or (trigger == 'fet' and ms < theta_fet):
            elapsed += dt_ms
        else:
            spiked = False
        if i * dt >= ros_from - 1e-12:
            rsum += R; rn += 1
    return spikes, rsum / rn

# ---------------- classification (the paper's rules) ----------------
def classify_ret(spikes, refr, dur, transient=0.5):
    s = np.array([t for t in spikes if t > transient]) * 1e3   # ms as the code
    span = (dur - transient) * 1e3
    isi = np.diff(s) if len(s) > 1 else np.array([])
    if len(isi) == 0:
        return dict(mode=1, isi=0.0, ibi=0.0, per=0, cv=float('nan'), rate=0.0)
    rate = len(s) / span * 1e3
    near = np.abs(isi - refr * 1e3) <= 1e-8 + 0.1 * refr * 1e3
    cv = float(np.std(isi) / np.mean(isi))
    if near.any():
        far = np.nonzero(~near)[0]
        if len(far) >= 2:
            return dict(mode=0, isi=isi.min() / 1e3, ibi=isi.max() / 1e3, per=int(far[-1] - far[-2]), cv=cv, rate=rate)
        return dict(mode=3, isi=isi.min() / 1e3, ibi=span / 1e3, per=int(span // isi.min()), cv=cv, rate=rate)
    return dict(mode=2, isi=isi[-1] / 1e3, ibi=isi[-1] / 1e3, per=1, cv=cv, rate=rate)

def classify_fet(spikes, transient=0.1):
    s = np.array([t for t in spikes if t > transient])
    isi = np.diff(s) if len(s) > 1 else np.array([])
    if len(isi) == 0:
        return dict(mode=3, mn=float('nan'), mx=float('nan'), cv=float('nan'), rate=0.0)
    cv = float(np.std(isi) / np.mean(isi))
    return dict(mode=2 if cv <= 1e-8 else 4, mn=isi.min(), mx=isi.max(), cv=cv, rate=1 / isi.max())

# ---------------- single-spike perturbation (mitosfns.spike_quanta) ----------------
def perturb(demand, q, t_spike=0.15, dur=0.5, dt=1e-5, gen='control'):
    x = steady(demand); atp0 = x[6]
    Q = kernel(dt)
    n = int(round(dur / dt)); ks = int(round(t_spike / dt))
    load = np.zeros(n + len(Q) + 2); load[ks:ks + len(Q)] += Q
    R = rinf(gen, x[6], psi_of(x[7])); r0 = R; tau = tau_ros(demand); h = TIMESCALE * dt
    amin, amint, rmax, rmin, samples = math.inf, math.nan, -math.inf, math.inf, {}
    for i in range(n):
        L = load[i] * q
        f = 1 + 10 * math.erf(10 * (x[6] - (atp0 - L)))
        x = x + h * deriv(x, demand, 1e-3 * L, f)
        R = R + (rinf(gen, x[6], psi_of(x[7])) - R) / tau * dt
        if i >= ks:
            if x[6] < amin: amin, amint = x[6], i * dt
            rmax, rmin = max(rmax, R), min(rmin, R)
        if i in (ks + 1000, ks + 5000, ks + 20000):
            samples[i] = (x[6], psi_of(x[7]), x[5], x[0], R)
    return atp0, amin, amint, r0, rmax, rmin, samples

# ---------------- K-ATP LIF cell (lifcell.py) ----------------
def lif(atp, ros, dur, pulses, g_katp=0.0, g_nap=1.25, g_cat=0.0, refrc=None, Q=20.0, ros_ss=0.1, dt_ms=0.01, d_gka=0.0, d_gbk=0.0):
    EL, gL, tau_m, Ek, Ena, Eca, vth = -68.0, 1.0, 20.0, -80.0, 50.0, 125.0, -40.0
    if refrc is None:
        refrc = 5 - 4 / ((1 + math.exp(-10 * (ros_ss - 0.55))) * (1 + math.exp(1.2 * (Q - 10))))
    tau_ka = 100 * (1 - 1 / (1 + math.exp(-15 * (ros_ss - 0.35))))
    gcat = g_cat / ((1 + math.exp(-10 * (ros_ss - 0.35))) * (1 + math.exp(0.2 * (Q - 18))))
    p_inf = lambda: 1 / (1 + math.exp(-25 * (ros - 0.15)))
    r_inf = lambda v: 1 / (1 + math.exp((-v - 56) / 2))
    t_inf = lambda v: 1 / (1 + math.exp((-v - 56) / 6.2))
    t_tau = lambda v: 0.204 + 0.333 / (math.exp((v + 15.8) / 18.2) + math.exp((-v - 131) / 16.7))
    s_inf = lambda v: 1 / (1 + math.exp((v + 80) / 4))
    s_tau = lambda v: 9.32 + 0.333 * math.exp((-v - 21) / 10.5)
    d_inf = lambda v: (1 / (1 + math.exp(25 * (atp - 0.5)))) * (1 - 1 / (1 + math.exp(0.5 * (v + 78))))
    v = -68.0
    p, r, tx, s, d = p_inf(), r_inf(v), t_inf(v), s_inf(v), d_inf(v)
    gka = gbk = 0.0; elapse = 0.0; spiked = False; spikes = []; vmax = {}
    n = int(round(dur / dt_ms))
    for i in range(n):
        inj = sum(a for (t0, t1, a) in pulses if int(round(t0 / dt_ms)) <= i < int(round(t1 / dt_ms)))
        p += (p_inf() - p) / 100 * dt_ms
        r += (r_inf(v) - r) / 25 * dt_ms
        tx += (t_inf(v) - tx) / t_tau(v) * dt_ms
        s += (s_inf(v) - s) / s_tau(v) * dt_ms
        d += (d_inf(v) - d) / 250 * dt_ms
        I = gL * (v - EL) + g_nap * p * r * (v - Ena) + gcat * tx ** 2 * s * (v - Eca) + g_katp * d * (v - Ek)
        v2 = min(-gcat * tx ** 2 * s * (v - Eca) / gL + EL, -45)
        dv = (inj - (gka + gbk) * (v - Ek) - I) / tau_m
        gka -= gka / tau_ka * dt_ms; gbk -= gbk / 100 * dt_ms
        v += dv * dt_ms
        if not spiked and v >= vth:
            spiked, v, elapse = True, 20.0, 0.0
            gka += d_gka; gbk += d_gbk
            spikes.append(i * dt_ms * 1e-3)
        else:
            if elapse == dt_ms:
                v = v2 - 2; r = 0.0
            if elapse < refrc:
                elapse += dt_ms
            else:
                spiked = False
        k = int(i * dt_ms // 50)
        vmax[k] = max(vmax.get(k, -1e9), v)
    return spikes, v, d, vmax

rows = []
def put(kind, case, key, value):
    if isinstance(value, (list, tuple, np.ndarray)):
        rows.append(f"{kind},{case},{key},{';'.join(repr(float(u)) for u in value)}")
    else:
        rows.append(f"{kind},{case},{key},{float(value)!r}")

# 1. classification on synthetic trains (s)
def train_regular(p, t0, t1): return list(np.arange(t0, t1, p))
def train_bursts(n, isi, ibi, t0, t1):
    out, t = [], t0
    while t < t1:
        for k in range(n):
            if t + k * isi < t1: out.append(t + k * isi)
        t += (n - 1) * isi + ibi
    return out
synthetic = {
    'regular25': train_regular(0.025, 0.0, 2.5),
    'bursts4': train_bursts(4, 0.00603, 0.120, 0.3, 2.5),
    'continuous': train_regular(0.00603, 0.45, 2.5),
    'silent': [], 'single': [0.8], 'early_only': train_regular(0.01, 0.0, 0.5),
    'mixed': sorted(train_bursts(3, 0.0062, 0.200, 0.51, 2.5) + [2.4999]),
    'fet_adapting': [0.7, 0.72015, 0.74030, 0.77, 0.81, 0.86],
    'fet_regular': [0.7 + k * 0.02015 for k in range(15)],
    'fet_one': [0.7],
}
for name, tr in synthetic.items():
    put('train', name, 'spikes', tr if tr else [])
    c = classify_ret(tr, 0.006, 2.5)
    for k in ('mode', 'isi', 'ibi', 'per', 'cv', 'rate'): put('ret_class', name, k, c[k])
    c = classify_fet(tr)
    for k in ('mode', 'mn', 'mx', 'cv', 'rate'): put('fet_class', name, k, c[k])

# 2. cells
cases = [('ret_b30_q0.06_r6', 'ret', 30.0, 0.06, 6e-3, 'control'),
         ('ret_b30_q0.012_r2', 'ret', 30.0, 0.012, 2e-3, 'control'),
         ('ret_b30_q0.06_r6_rotenone', 'ret', 30.0, 0.06, 6e-3, 'rotenone'),
         ('ret_b20_q0.01_r6_rotenone', 'ret', 20.0, 0.01, 6e-3, 'rotenone'),
         ('fet_b80_q0.06', 'fet', 80.0, 0.06, 6e-3, 'control'),
         ('fet_b80_q0.15', 'fet', 80.0, 0.15, 6e-3, 'control'),
         ('fet_b150_q0.2', 'fet', 150.0, 0.2, 6e-3, 'control'),
         ('fet_b80_q0.06_rotenone', 'fet', 80.0, 0.06, 6e-3, 'rotenone')]
for name, trig, b, q, refr, gen in cases:
    sp, mr = cell(trig, b, q, refr, gen)
    put('cell', name, 'spikes', sp); put('cell', name, 'meanros', mr)
    if trig == 'ret':
        c = classify_ret(sp, refr, 2.5)
        for k in ('mode', 'isi', 'ibi', 'per', 'cv', 'rate'): put('cell_ret_class', name, k, c[k])
    else:
        c = classify_fet(sp)
        for k in ('mode', 'mn', 'mx', 'cv', 'rate'): put('cell_fet_class', name, k, c[k])
    print(name, len(sp), mr, flush=True)
sp64, mr64 = cell('ret', 30.0, 0.06, 6e-3, 'control', single=False)

print('float64 kernel, RET b30 q0.06: spikes', len(sp64), 'mean ROS', mr64, flush=True)

# 3. single-spike perturbation
for b, q in [(30.0, 0.2), (150.0, 0.2)]:
    atp0, amin, amint, r0, rmax, rmin, smp = perturb(b, q)
    name = f'b{int(b)}_q{q}'
    for k, v in zip(('atp0', 'atpmin', 'atpmintime', 'ros0', 'rosmax', 'rosmin'), (atp0, amin, amint, r0, rmax, rmin)):
        put('perturb', name, k, v)
    for i, (a, ps, nd, py, rr) in smp.items():
        put('perturb', name, f'sample{i}', [a, ps, nd, py, rr])

# 4. reaction-rate clamp at the steady NAD of b, on a few grid points
for b in (30.0, 150.0):
    nad = steady(b)[5]
    put('clamp', f'b{int(b)}', 'nad', nad)
    for atp in (0.0, 0.25, 0.5, 0.85, 1.0):
        for psi in (0.0, 0.3, 0.65, 1.0):
            dpsi = (psi * (PSI_MAX - PSI_MIN) + PSI_MIN) / dpsi_m
            x = np.array([1, 1, 1, 1, 1, nad, atp, dpsi])
            d = deriv(x, b); v = fluxes(x, b)
            put('clamp', f'b{int(b)}', f'{atp}_{psi}', [TIMESCALE * d[6], TIMESCALE * d[7], v['ANT'] * k1, v['ATP'] * k1, v['r'] * k1])

# 5. K-ATP LIF cell (ms inputs; spikes in s)
lifcases = [('fig1', 1.0, 0.0, 500, [(150, 155, 150)], dict(g_nap=1.25, refrc=10, Q=1)),
            ('figS2', 1.0, 0.0, 500, [(150, 155, 150), (170, 175, 150)], dict(g_nap=0.25, refrc=6, Q=1)),
            ('katp_lowatp', 0.2, 0.1, 500, [(150, 155, 150), (300, 400, 40)], dict(g_katp=2.0)),
            ('katp_highatp', 0.9, 0.1, 500, [(150, 155, 150), (300, 400, 40)], dict(g_katp=2.0)),
            ('cat_ros', 0.5, 0.4, 400, [(100, 300, 35)], dict(g_cat=2.0, g_katp=0.5, Q=10, ros_ss=0.4, d_gka=0.2, d_gbk=0.1))]
for name, atp, ros, dur, pulses, kw in lifcases:
    sp, vend, dend, vmax = lif(atp, ros, dur, pulses, **kw)
    put('lif', name, 'spikes', sp); put('lif', name, 'vend', vend); put('lif', name, 'dend', dend)
    put('lif', name, 'vmax50', [vmax[k] for k in sorted(vmax)])
    print(name, len(sp), vend, flush=True)

with open('metabolic_analyses_reference.csv', 'w') as fh:
    fh.write('kind,case,key,value\n')
    fh.write('\n'.join(rows) + '\n')
