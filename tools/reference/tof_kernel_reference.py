#!/usr/bin/env python3
"""Reference values of the TOF peak shape and its five derivatives at 40 significant digits (mpmath).

Writes tests/Crystallography.Intergrowth.Diffraction.Tests/TofKernelMpmathReference.cs: for a few peaks (POWGEN_2665
and POLARIS parameters, and hard random ones) and points across each peak's kernel window, Ω and ∂Ω/∂P, ∂α, ∂β, ∂σ², ∂γ
for both Lorentzian conventions. The shape is the definition in TofPeakShape.cs (back-to-back exponentials ⊗
pseudo-Voigt, H and η from Thompson–Cox–Hastings); e^u·erfc(y) and e^w·E₁(w) are evaluated directly by mpmath
(no erfcx, no continued fraction), and the derivatives are mpmath's numerical differentiation (mp.diff) of Ω
at 40 digits, so nothing is shared with either C# implementation. Run: python3 tools/reference/tof_kernel_reference.py
(mpmath 1.3.0; about a minute). Never run by the tests.

`python3 tools/reference/tof_kernel_reference.py tail` instead prints the coefficients of the rational fits of Laplace's
continued-fraction tail T(y) in src/Crystallography.Intergrowth.Diffraction/Kernels/KernelErrorFunction.cs and the
mpmath values of TofSpecialFunctionTests.LaplaceTailValues.
"""
import math
import mpmath as mp

mp.mp.dps = 40
EIGHT_LN2 = 8 * mp.log(2)
C1, C2, C3, C4 = (mp.mpf(v) for v in ("2.69269", "2.42843", "4.47163", "0.07842"))
E1, E2, E3 = (mp.mpf(v) for v in ("1.36603", "-0.47719", "0.11116"))


def tch(s2var, gam):
    g = mp.sqrt(EIGHT_LN2 * s2var)
    l = gam
    h5 = g**5 + C1 * g**4 * l + C2 * g**3 * l**2 + C3 * g**2 * l**3 + C4 * g * l**4 + l**5
    h = h5 ** (mp.mpf(1) / 5)
    q = l / h
    return h, ((E3 * q + E2) * q + E1) * q


def f(w):
    return mp.exp(w) * mp.e1(w)


def omega(x, pos, a, b, s2var, gam, sign):
    h, eta = tch(s2var, gam)
    d = x - pos
    s2 = h * h / EIGHT_LN2
    r = mp.sqrt(2 * s2)
    n = a * b / (2 * (a + b))
    ga = mp.exp(a * (a * s2 / 2 + d)) * mp.erfc((a * s2 + d) / r)
    gb = mp.exp(b * (b * s2 / 2 - d)) * mp.erfc((b * s2 - d) / r)
    gauss = n * (ga + gb)
    p = mp.mpc(sign * a * d, a * h / 2)
    q = mp.mpc(-b * d, b * h / 2)
    lor = -2 * n / mp.pi * (f(p) + f(q)).imag
    return eta * lor + (1 - eta) * gauss


def powgen(d):
    difc = 22598.5929189
    d2 = d * d
    strain = 1e-6 * difc * d * 1000
    size = 1e-4 * difc * d2 / 1
    alpha = 0.113971083793 / d
    beta = 0.0192205621316 + 0.0695794246829 / (d2 * d2)
    s2 = 359.628514515 + -316.074927848 * d2 + 84.5341148902 * d2 * d2 + 42.6229689423 * d
    gamma = size + strain
    return alpha, beta, s2, gamma


def polaris(d):
    d2 = d * d
    return 0.29710 / d, 0.04182 + 0.00224 / (d2 * d2), 6.19555 + 61.67594 * d2, 0.60382 * d


PEAKS = [
    ("POWGEN d=0.5", *powgen(0.5)),
    ("POWGEN d=1", *powgen(1.0)),
    ("POWGEN d=3", *powgen(3.0)),
    ("POLARIS d=0.4", *polaris(0.4)),
    ("POLARIS d=2.5", *polaris(2.5)),
    ("steep rise, wide Gaussian", 2.5, 1.2, 4000.0, 0.3),
    ("Lorentzian, slow exponentials", 0.01, 0.005, 1.0, 150.0),
    ("Lorentzian, fast exponentials", 1.5, 0.8, 2.0, 60.0),
    ("narrow Gaussian, slow exponentials", 0.020310272720087962, 0.003854239873159352, 10.571406145503277, 0.0),
    ("narrow Gaussian, slow rise", 0.016143850194342335, 0.06188079190379178, 1.221416450925959, 0.0),
    ("slow decay, some Lorentzian", 0.15253571761708537, 0.003684999155480765, 2.856600044857931, 4.588840705255786),
    ("fast decay, wide", 0.24290477417986067, 1.445013570626408, 569.6421764573253, 52.2195562761703),
    ("both fast, very wide Gaussian", 4.0, 3.0, 20000.0, 2.0),
    ("Lorentzian near the cut", 0.3, 0.5, 50.0, 60.0),
]
POSITION = 40000.0


def points(a, b, s2var, gam):
    h = float(tch(s2var, gam)[0])
    lo = -(20 * h + 10 / a)
    hi = 20 * h + 10 / b
    offsets = [-3 * h + 6 * h * j / 30 for j in range(31)]
    for j in range(1, 16):
        t = j / 15
        offsets.append(-3 * h + (lo + 3 * h) * t * t)
        offsets.append(3 * h + (hi - 3 * h) * t * t)
    return sorted(POSITION + o for o in offsets)


def main():
    lines = []
    for name, a, b, s2var, gam in PEAKS:
        xs = points(a, b, s2var, gam)
        for sign, conv in ((1, "Convolution"), (-1, "GsasII")):
            rows = []
            for x in xs:
                X, P, A, B, S, G = (mp.mpf(v) for v in (x, POSITION, a, b, s2var, gam))
                val = omega(X, P, A, B, S, G, sign)
                dp = mp.diff(lambda t: omega(X, t, A, B, S, G, sign), P)
                da = mp.diff(lambda t: omega(X, P, t, B, S, G, sign), A)
                db = mp.diff(lambda t: omega(X, P, A, t, S, G, sign), B)
                ds = mp.diff(lambda t: omega(X, P, A, B, t, G, sign), S)
                dg = mp.diff(lambda t: omega(X, P, A, B, S, t, sign), G) if gam > 0 else mp.diff(lambda t: omega(X, P, A, B, S, t, sign), G, direction=1)
                rows.append((x, val, dp, da, db, ds, dg))
            body = ",\n".join(
                "            [" + ", ".join([repr(r[0])] + [mp.nstr(v, 20, min_fixed=1, max_fixed=0) for v in r[1:]]) + "]" for r in rows)
            lines.append(
                f'        new("{name}", TofLorentzianConvention.{conv}, {POSITION!r}, {a!r}, {b!r}, {s2var!r}, {gam!r},\n'
                f"        [\n{body},\n        ]),")
    text = (
        "// Generated by tools/reference/tof_kernel_reference.py (mpmath 1.3.0, 40 digits). Do not edit.\n"
        "namespace Crystallography.Intergrowth.Diffraction.Tests;\n\n"
        "/// <summary>Ω and ∂Ω/∂P, ∂α, ∂β, ∂σ², ∂γ at 40 digits for a few peaks (rows: t, Ω, ∂P, ∂α, ∂β, ∂σ², ∂γ).</summary>\n"
        "internal static class TofKernelMpmathReference\n{\n"
        "    public sealed record Peak(string Name, TofLorentzianConvention Convention, double Position, double Alpha, double Beta,\n"
        "        double SigmaSquared, double Gamma, double[][] Rows);\n\n"
        "    public static Peak[] Peaks { get; } =\n    [\n" + "\n".join(lines) + "\n    ];\n}\n")
    with open("tests/Crystallography.Intergrowth.Diffraction.Tests/TofKernelMpmathReference.cs", "w", encoding="utf-8") as out:
        out.write(text)


def laplace_tail(y):
    """T(y) = 1/(y + (3/2)/(y + 2/(y + (5/2)/(y + ...)))), the tail of Laplace's continued fraction
    sqrt(pi)*erfcx(y) = 1/(y + (1/2)/(y + T(y))), from erfcx at 80 digits (enough for the y**4 digits it loses)."""
    with mp.workdps(80):
        y = mp.mpf(y)
        k1 = 1 / (mp.sqrt(mp.pi) * mp.exp(y * y) * mp.erfc(y)) - y
        return 1 / (2 * k1) - y


def rational_fit(f, a, b, m, n, points=300, iterations=40):
    """Near-minimax relative fit P/Q (degrees m, n, Q(0) = 1) of f on [a, b]: linearised least squares on Chebyshev
    points, reweighted by the last denominator (Loeb) and by the errors (Lawson); returns (max error, p, q)."""
    with mp.workdps(60):
        xs = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (2 * i + 1) / (2 * points)) for i in range(points)]
        fs = [f(x) for x in xs]
        weights, previous, best = [mp.mpf(1)] * points, [mp.mpf(1)] * points, None
        for _ in range(iterations):
            rows, rhs = [], []
            for x, fx, w, q0 in zip(xs, fs, weights, previous):
                s = mp.sqrt(w) / (fx * q0)
                rows.append([s * x**k for k in range(m + 1)] + [-s * fx * x**k for k in range(1, n + 1)])
                rhs.append(s * fx)
            solution, _ = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))
            p = [solution[k] for k in range(m + 1)]
            q = [mp.mpf(1)] + [solution[m + k] for k in range(1, n + 1)]
            previous = [mp.polyval(q[::-1], x) for x in xs]
            errors = [(mp.polyval(p[::-1], x) / qx - fx) / fx for x, fx, qx in zip(xs, fs, previous)]
            worst = max(abs(e) for e in errors)
            if best is None or worst < best[0]:
                best = (worst, p, q)
            weights = [w * abs(e) for w, e in zip(weights, errors)]
            total = sum(weights)
            weights = [w / total for w in weights]
        return best


def tail():
    # 0.46875 < y <= 4: T(y) as P8(y)/Q8(y); y > 4: y*T(y) as P6(r)/Q6(r) in r = 1/y**2 (y*T -> 1 as y -> oo).
    fits = [("Middle", rational_fit(laplace_tail, mp.mpf(0.46875), mp.mpf(4), 8, 8)),
            ("Far", rational_fit(lambda r: mp.mpf(1) if r == 0 else laplace_tail(1 / mp.sqrt(r)) / mp.sqrt(r), mp.mpf(0), mp.mpf(1) / 16, 6, 6))]
    for name, (worst, p, q) in fits:
        print(f"// {name}: max relative error of the fit {mp.nstr(worst, 3)}")
        for letter, coefficients in (("Numerator", p), ("Denominator", q)):
            for k, c in enumerate(coefficients):
                print(f"private const double {name}{letter}{k} = {float(c)!r};")
    for y in (0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 3.999, 4.0, 4.001, 5.5, 8.0, 12.0, 30.0, 100.0, 1000.0, 1e6):
        with mp.workdps(40):
            x = mp.mpf(y)
            erfcx = mp.exp(x * x) * mp.erfc(x)
            print(f"{{ {y!r}, {mp.nstr(laplace_tail(y), 17)}, {mp.nstr(erfcx, 17)}, {mp.nstr(x * erfcx - 1 / mp.sqrt(mp.pi), 17)} }},")


if __name__ == "__main__":
    import sys
    if len(sys.argv) > 1 and sys.argv[1] == "tail":
        tail()
    else:
        main()

# The power-series coefficients of src/Crystallography.Intergrowth.Diffraction/Kernels/KernelExponentialIntegral.Coefficients.cs
# are 1/(k·k!) for k = 1 … 160 at 50 digits rounded to double: [repr(float(1/(k*mp.factorial(k)))) for k in range(1, 161)].
# Factorials there: [repr(float(mp.factorial(k))) for k in range(0, 41)] at 80 digits.
