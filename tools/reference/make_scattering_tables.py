#!/usr/bin/python3
"""Writes the embedded scattering tables of Crystallography.Intergrowth.Diffraction.

Run once, with Debian's /usr/bin/python3 (python3-cctbx 2022.9, python3-numpy):

    /usr/bin/python3 tools/reference/make_scattering_tables.py

It writes four tab-separated files into src/Crystallography.Intergrowth.Diffraction/Data/:

* scattering_xray_wk1995.tsv   Waasmaier & Kirfel, Acta Cryst. A51 (1995) 416: five Gaussians + c,
                               neutral atoms and the ions of the paper (cctbx.eltbx.xray_scattering.wk1995).
* scattering_xray_it1992.tsv   International Tables Vol. C (1992), Table 6.1.1.4: four Gaussians + c
                               (cctbx.eltbx.xray_scattering.it1992).
* scattering_neutron_sears1992.tsv  Sears, Neutron News 3 (1992) 26: bound coherent scattering
                               lengths, real and imaginary parts in fm
                               (cctbx.eltbx.neutron.neutron_news_1992_table).
* scattering_anomalous_kalpha1.tsv  f', f'' at the Kα1 lines of Cu, Co, Mo, Ag: Sasaki, KEK Report
                               88-14 (1989) (cctbx.eltbx.sasaki), Henke et al., At. Data Nucl. Data
                               Tables 54 (1993) 181 (cctbx.eltbx.henke) where Sasaki has no entry.

cctbx keeps the coefficients in single precision; each value is written as the shortest decimal
that reads back to the same float32, i.e. the digits the papers print. The special labels Hiso,
Cval and Sival of the tables are left out: the library looks species up by element and charge.

Never run by the tests. Re-running it must reproduce the committed files byte for byte.
"""
import os
import re

import numpy
from cctbx.eltbx import henke, neutron, sasaki, tiny_pse, xray_scattering

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "Crystallography.Intergrowth.Diffraction", "Data")

# Kα1 wavelengths (Å) of the anode presets of Radiation: Cu and Co from Hölzer et al.,
# Phys. Rev. A 56 (1997) 4554; Mo and Ag from International Tables Vol. C, Table 4.2.2.1.
ANODES = [("Cu", 1.540593), ("Co", 1.788996), ("Mo", 0.709317), ("Ag", 0.559421)]

LABEL = re.compile(r"^([A-Z][a-z]?)(?:(\d)([+-]))?$")


def f32(value):
    """The shortest decimal that reads back to the same single-precision number."""
    return str(numpy.float32(value))


def header(lines, source):
    return "# " + source + "\n" + "\t".join(lines) + "\n"


def write(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def gaussian_table(iterator, n, source):
    cols = ["label", "element", "charge"] + ["a%d" % (i + 1) for i in range(n)] + ["b%d" % (i + 1) for i in range(n)] + ["c"]
    text = header(cols, source)
    for entry in iterator():
        label = entry.label()
        m = LABEL.match(label)
        if m is None:
            continue  # Hiso, Cval, Sival
        element, magnitude, sign = m.groups()
        charge = 0 if magnitude is None else int(magnitude) * (1 if sign == "+" else -1)
        g = entry.fetch()
        a, b = list(g.array_of_a()), list(g.array_of_b())
        assert len(a) == n and len(b) == n, label
        text += "\t".join([label, element, str(charge)] + [f32(v) for v in a] + [f32(v) for v in b] + [f32(g.c())]) + "\n"
    return text


def neutron_table():
    text = header(["element", "b_real_fm", "b_imag_fm"],
                  "Sears, Neutron News 3 (1992) 26, bound coherent scattering lengths in fm, via cctbx.eltbx.neutron.neutron_news_1992_table")
    for z in range(1, 100):
        symbol = tiny_pse.table(z).symbol()
        try:
            b = neutron.neutron_news_1992_table(symbol, True).bound_coh_scatt_length()
        except (RuntimeError, ValueError):
            continue
        text += "\t".join([symbol, f32(b.real), f32(b.imag)]) + "\n"
    return text


def anomalous_table():
    cols = ["element", "source"]
    for anode, _ in ANODES:
        cols += [anode + "_fp", anode + "_fdp"]
    text = header(cols, "f', f'' (electrons) at Kalpha1: " + ", ".join("%s %s A" % a for a in ANODES)
                  + "; Sasaki, KEK Report 88-14 (1989) via cctbx.eltbx.sasaki, else Henke et al. (1993) via cctbx.eltbx.henke")
    for z in range(1, 100):
        symbol = tiny_pse.table(z).symbol()
        row = None
        for source, module in (("sasaki1989", sasaki), ("henke1993", henke)):
            try:
                table = module.table(symbol)
                row = [symbol, source]
                for _, wavelength in ANODES:
                    value = table.at_angstrom(wavelength)
                    row += [f32(value.fp()), f32(value.fdp())]
                break
            except (RuntimeError, ValueError):
                continue
        if row is not None:
            text += "\t".join(row) + "\n"
    return text


def main():
    write("scattering_xray_wk1995.tsv", gaussian_table(
        xray_scattering.wk1995_iterator, 5,
        "Waasmaier & Kirfel, Acta Cryst. A51 (1995) 416; f(s) = sum a_i exp(-b_i s^2) + c, s = sin(theta)/lambda in 1/A; via cctbx.eltbx.xray_scattering.wk1995"))
    write("scattering_xray_it1992.tsv", gaussian_table(
        xray_scattering.it1992_iterator, 4,
        "International Tables for Crystallography Vol. C (1992), Table 6.1.1.4; f(s) = sum a_i exp(-b_i s^2) + c; via cctbx.eltbx.xray_scattering.it1992"))
    write("scattering_neutron_sears1992.tsv", neutron_table())
    write("scattering_anomalous_kalpha1.tsv", anomalous_table())


if __name__ == "__main__":
    main()
