#!/usr/bin/python3
"""Independent table of the hippocampal-culture protocols of Wang et al. (2005) under the
Graupner & Brunel (2012) "hippocampal-cultures" set (Theory.Tests.CalciumPlasticity.CulturesTests).

The spike patterns are written here from their description (not from the library's
WangProtocols): triplets with two intervals between consecutive spikes, pre-post-pre and
post-pre-post; quadruplets of a post-pre pair (-5 ms) and a pre-post pair (+5 ms) whose centres are
|T| apart (T > 0: post-pre pair first); 60 repetitions at 1 Hz. The time above threshold and the
outcome come from make_stdp_table.py (event-driven calcium over 400 periods with exact crossing
times, checked by dense sampling; SI Eqs. S5-S10), written from the paper's equations.

Run: /usr/bin/python3 make_cultures_table.py > cultures_table.csv
"""
import contextlib
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
with contextlib.redirect_stdout(io.StringIO()):
    import make_stdp_table as ref  # noqa: E402  (prints its own table on import)

NAME = "hippocampal-cultures"
F, REPS = 1.0, 60
rows = []
for (a, b) in [(0.005, 0.005), (0.010, 0.010), (0.015, 0.005), (0.005, 0.015)]:
    rows.append(("triplet", "pre-post-pre", a, b, ([0.0, a + b], [a])))
    rows.append(("triplet", "post-pre-post", a, b, ([a], [0.0, a + b])))
d = 0.005
for T in [-0.1, -0.05, -0.03, -0.02, -0.01, 0.01, 0.02, 0.03, 0.05, 0.1]:
    A = abs(T)
    if T > 0:
        pat = ([d, A], [0.0, A + d])
    else:
        pat = ([0.0, A + d], [d, A])
    rows.append(("quadruplet", "-", T, d, pat))

print("kind,order,x1_s,x2_s,alpha_d,alpha_p,change")
for (kind, order, x1, x2, (pre, post)) in rows:
    ad, ap = ref.fractions(NAME, pre, post, F)
    ch = ref.change(NAME, ad, ap, REPS / F)
    print(f"{kind},{order},{x1!r},{x2!r},{ad!r},{ap!r},{ch!r}")
