#!/usr/bin/env python3
"""50-digit mpmath values of the FCJ quadrature sum for FcjKernelMpmathTests.

Reproduces the kernel's sum exactly (same Gauss-Legendre orders, node angles and weights, pseudo-Voigt) in
50-digit arithmetic; derivatives are central differences of step 1e-22, exact for that sum. Prints the C# rows.
Run: python3 tools/reference/fcj_kernel_reference.py
"""
import mpmath as mp, sys
mp.mp.dps = 50
def gl(n):
    nodes, weights = [], []
    for i in range(1, n + 1):
        z = mp.cos(mp.pi * (i - mp.mpf(1)/4) / (n + mp.mpf(1)/2))
        for _ in range(100):
            p0, p1 = mp.mpf(1), z
            for k in range(2, n + 1):
                p0, p1 = p1, ((2*k - 1) * z * p1 - (k - 1) * p0) / k
            pn, pnm1 = (p1, p0) if n > 1 else (z, mp.mpf(1))
            dp = n * (z * pn - pnm1) / (z*z - 1)
            dz = pn / dp
            z -= dz
            if abs(dz) < mp.mpf(10)**(-45): break
        w = 2 / ((1 - z*z) * dp * dp)
        nodes.append((1 + z) / 2); weights.append(w / 2)
    return nodes, weights
def profile(x, pos, H, eta, s, h, flat, ramp):
    d2r = mp.pi / 180
    c2 = mp.cos(pos * d2r); s2 = mp.sin(pos * d2r)
    ulim = abs(s2 / c2) if c2 != 0 else mp.inf
    m = min(s, h); diff = abs(h - s); tot = h + s
    flatEnd = min(diff, ulim)
    pieces = [(mp.mpf(0), flatEnd, False, flat)]
    if m > 0: pieces.append((flatEnd, min(tot, ulim), True, ramp))
    num = den = mp.mpf(0)
    for a, b, isramp, order in pieces:
        L = b - a
        if not (L > 0): continue
        nodes, weights = gl(order)
        for t, om in zip(nodes, weights):
            u = a + L * t; q = L * om
            cphi = max(-1, min(1, c2 * mp.sqrt(1 + u*u)))
            sphi = mp.sqrt((1 - cphi) * (1 + cphi))
            ang = mp.acos(cphi) / d2r
            g0 = 1 / ((1 + u*u) * sphi)
            shape = (h + s - u) / (2*m) if isramp else 1
            w = q * shape * g0
            tt = (x - ang) / H
            lor = 2 / (mp.pi * H) / (1 + 4*tt*tt)
            gau = 2 / H * mp.sqrt(mp.log(2) / mp.pi) * mp.exp(-4 * mp.log(2) * tt*tt)
            num += w * (eta * lor + (1 - eta) * gau); den += w
    return num / den
import math
def order_for(span, fwhm): return int(min(max(math.ceil(8 * span / fwhm) + 4, 4), 1024))
def lowest(pos, sr):
    c = math.cos(pos * math.pi / 180) * math.sqrt(1 + sr * sr)
    return math.acos(max(-1, min(1, c))) * 180 / math.pi
def orders(pos, fwhm, s, h):
    fe = lowest(pos, abs(h - s)); re_ = lowest(pos, s + h)
    return order_for(abs(pos - fe), fwhm), order_for(abs(fe - re_), fwhm)
# name, position, fwhm, eta, s, h, x offsets (in FWHM)
cases = [
    ("laboratory", 28.4, 0.08, 0.35, 0.021, 0.015, [-3, -1, -0.3, 0, 0.4, 2]),
    ("low angle, long tail", 8.5, 0.03, 0.6, 0.04, 0.025, [-12, -4, -1, 0, 1]),
    ("back reflection", 131.0, 0.2, 0.5, 0.03, 0.02, [-1, 0, 1, 3]),
    ("one ratio zero", 47.3, 0.1, 0.2, 0.0, 0.03, [-2, -0.5, 0, 0.5]),
    ("near 90 degrees (seed 691)", 89.99168758602079, 0.13823537943802558, 0.5132050996242115, 0.00403564642371407, 0.047049815974687145, None),
    ("near 90 degrees, H/L zero (seed 176)", 90.85195876173592, 0.2339216356416799, 0.7516890260165972, 0.0017219634036170148, 0.0, None),
]
extra = {"near 90 degrees (seed 691)": [89.9692297488373], "near 90 degrees, H/L zero (seed 176)": [90.8725157576718]}
step = mp.mpf(10)**(-22)
out = []
def fmt(v): return "double.NaN" if v is None else mp.nstr(v, 20)
for name, pos, fwhm, eta, s, h, offs in cases:
    fl, rp = orders(pos, fwhm, s, h)
    xs = extra[name] if offs is None else [pos + o * fwhm for o in offs]
    P, F, E, S, Hh = (mp.mpf(repr(v)) for v in (pos, fwhm, eta, s, h))
    for x in xs:
        X = mp.mpf(repr(x))
        v = profile(X, P, F, E, S, Hh, fl, rp)
        dp = (profile(X, P + step, F, E, S, Hh, fl, rp) - profile(X, P - step, F, E, S, Hh, fl, rp)) / (2 * step)
        ds = (profile(X, P, F, E, S + step, Hh, fl, rp) - profile(X, P, F, E, S - step, Hh, fl, rp)) / (2 * step)
        dh = (profile(X, P, F, E, S, Hh + step, fl, rp) - profile(X, P, F, E, S, Hh - step, fl, rp)) / (2 * step) if h > 0 else None
        ds = ds if s > 0 else None
        out.append(f'        new("{name}", {pos!r}, {fwhm!r}, {eta!r}, {s!r}, {h!r}, {x!r}, {mp.nstr(v, 20, strip_zeros=False)}, {mp.nstr(dp, 20)}, {fmt(ds)}, {fmt(dh)}),')
print("\n".join(out))
