#!/usr/bin/env python3
"""Regenerates tests/Crystallography.Intergrowth.Symmetry.Tests/Reference/hall-change-of-basis.json.

Hall symbols with a change of basis, as cctbx sgtbx expands them: the operations (centring included,
translations reduced to [0,1)). Run with Debian's python3 (apt-get install python3-cctbx):

    /usr/bin/python3 tools/reference/make_hall_change_of_basis.py > \
        tests/Crystallography.Intergrowth.Symmetry.Tests/Reference/hall-change-of-basis.json
"""
import json
from cctbx import sgtbx

SYMBOLS = [
    "P 31 2 (0 0 4)",
    "P 2yb (x,y,-x+z)",
    "-P 2ybc (x,y,z+1/4)",
    "P 2y (z,x,y)",
    "-C 2y (x+y,-x+y,z)",
    "-P 4 2 (1 1 1)",
    "F 4d 2 3 -1d (x-1/8,y-1/8,z-1/8)",
    "-R 3 2\" (-y+z,x+z,-x+y+z)",
    "P 2 2 (x,y,z+1/8)",
    "-I 4 2 (1/2*x+1/2*y,-1/2*x+1/2*y,z)",
]

out = []
for s in SYMBOLS:
    g = sgtbx.space_group(s)
    ops = []
    for op in g.all_ops():
        ops.append(str(op.mod_positive()))
    out.append({"hall": s, "order": g.order_z(), "operations": sorted(set(ops))})
print(json.dumps({"producer": "cctbx sgtbx (Debian python3-cctbx 2022.9)", "groups": out}, indent=1))
