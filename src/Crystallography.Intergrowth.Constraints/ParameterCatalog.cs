using System.Collections.Immutable;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// The refinable parameters of a set of phases with their current values, read from the
/// <see cref="Phase"/>s: the free cell parameters of each crystal system, the free coordinates of
/// each site on its Wyckoff position, Uiso (or the free Uᵢⱼ of an anisotropic site), the occupancy
/// of each element on each site (<c>occ[Li]</c>), and each phase's scale (and fraction, when given).
/// Parameters that symmetry ties to free ones (hexagonal b = a, y = x on x,x,z, U22 = U11…) are
/// listed apart, with the ties as equivalence constraints. Immutable.
/// </summary>
/// <remarks>
/// Refine <see cref="Parameters"/>; the phases written back by <see cref="ToPhases"/> follow the
/// ties, so the dependent parameters need not be refined. To refine a dependent parameter
/// explicitly (six cell parameters, say), refine it too and add <see cref="SymmetryConstraints"/>
/// to the <see cref="ConstraintSet"/>.
/// </remarks>
public sealed class ParameterCatalog
{
    // Tie values are rounded to this denominator: symmetry gives small rationals (1, 2, 1/2, −1).
    private const int TieDenominator = 24;

    private readonly ImmutableDictionary<ParameterId, SymmetryTie> _ties;

    private ParameterCatalog(ImmutableArray<Phase> phases, ImmutableArray<ParameterId> parameters,
                             ImmutableDictionary<ParameterId, SymmetryTie> ties,
                             ImmutableArray<ParameterId> dependent, ImmutableDictionary<ParameterId, double> values)
    {
        Phases = phases;
        Parameters = parameters;
        _ties = ties;
        DependentParameters = dependent;
        Values = values;
        SymmetryConstraints = [.. dependent.Select(d => ties[d].ToConstraint(d))];
    }

    /// <summary>The phases read, in the order given.</summary>
    public ImmutableArray<Phase> Phases { get; }

    /// <summary>The independent refinable parameters, phase by phase: cell, then per site coordinates, displacement and occupancies, then scale and fraction; then any added with <see cref="WithParameter"/>.</summary>
    public ImmutableArray<ParameterId> Parameters { get; }

    /// <summary>Parameters that symmetry ties to independent ones (b of a hexagonal cell, y of a site on x,x,z).</summary>
    public ImmutableArray<ParameterId> DependentParameters { get; }

    /// <summary>
    /// The catalog for a REPL: "18 independent parameters of layered, rocksalt (2 more tied by symmetry)", then one line
    /// per independent parameter with its current value ("  layered/cell/a = 2.94194").
    /// </summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"{Parameters.Length} independent parameters of {string.Join(", ", Phases.Select(p => p.Name))} ({DependentParameters.Length} more tied by symmetry)");
        var names = Parameters.Select(p => p.ToString()).ToArray();
        int width = names.Length == 0 ? 0 : names.Max(n => n.Length);
        for (int i = 0; i < Parameters.Length; i++)
            text.Append('\n').Append("  ").Append(names[i].PadRight(width)).Append(" = ")
                .Append(Values[Parameters[i]].ToString("G8", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The ties as equivalences, one per dependent parameter: <c>layered/cell/b = 1·layered/cell/a</c>.</summary>
    public ImmutableArray<LinearConstraint> SymmetryConstraints { get; }

    /// <summary>The current value of every parameter, independent and dependent.</summary>
    public ImmutableDictionary<ParameterId, double> Values { get; }

    /// <summary>The current value of a parameter.</summary>
    /// <exception cref="KeyNotFoundException">The catalog does not list it.</exception>
    public double this[ParameterId parameter] => Values.TryGetValue(parameter, out double v)
        ? v
        : throw new KeyNotFoundException($"The catalog lists no parameter {parameter}.");

    /// <summary>True when the catalog lists the parameter (independent or dependent).</summary>
    public bool Contains(ParameterId parameter) => Values.ContainsKey(parameter);

    /// <summary>The independent parameters of one kind, optionally of one phase (or histogram).</summary>
    public IEnumerable<ParameterId> Of(ParameterKind kind, string? scope = null) =>
        Parameters.Where(p => p.Kind == kind && (scope is null || p.Scope == scope));

    /// <summary>
    /// Reads the parameters of phases. Scales default to 1; fractions are listed only for the phases
    /// given in <paramref name="fractions"/>.
    /// </summary>
    /// <param name="phases">Phases with distinct names.</param>
    /// <param name="scales">Scale factor per phase name, or null.</param>
    /// <param name="fractions">Mole fraction per phase name, or null.</param>
    /// <exception cref="ArgumentException">Two phases share a name, or a name cannot stand in a <see cref="ParameterId"/>.</exception>
    public static ParameterCatalog Create(IEnumerable<Phase> phases, IReadOnlyDictionary<string, double>? scales = null,
                                          IReadOnlyDictionary<string, double>? fractions = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var list = phases.ToImmutableArray();
        var duplicate = list.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two phases are named '{duplicate.Key}'; parameters are named by phase, so names must differ.", nameof(phases));
        var parameters = ImmutableArray.CreateBuilder<ParameterId>();
        var values = ImmutableDictionary.CreateBuilder<ParameterId, double>();
        var ties = ImmutableDictionary.CreateBuilder<ParameterId, SymmetryTie>();
        var dependent = ImmutableArray.CreateBuilder<ParameterId>();

        foreach (var phase in list)
        {
            string name = phase.Name;
            var group = phase.SpaceGroup;
            var restrictions = CellRestriction.For(group.CrystalSystem, group.HasRhombohedralAxes, UniqueAxisOf(group));
            foreach (var free in UnitCell.FreeParameters(group.CrystalSystem, group.HasRhombohedralAxes, UniqueAxisOf(group)))
                Add(ParameterId.Cell(name, free), phase.Cell.Get(free));
            foreach (var r in restrictions)
                if (r.EqualTo is { } equalTo)
                    AddDependent(ParameterId.Cell(name, r.Parameter), phase.Cell.Get(r.Parameter), [new(ParameterId.Cell(name, equalTo), 1)]);

            foreach (var site in phase.Sites)
            {
                var triplet = TripletOf(group, site);
                var rows = new double[3][];
                for (int axis = 0; axis < 3; axis++)
                    rows[axis] = [triplet.Coefficient(axis, 0), triplet.Coefficient(axis, 1), triplet.Coefficient(axis, 2)];
                AddTied(rows, axis => ParameterId.Coordinate(name, site.Label, axis), axis => site.Position[axis]);

                if (site.Displacement.Anisotropic is { } u)
                {
                    string[] names = ["U11", "U22", "U33", "U12", "U13", "U23"];
                    double[] components = [u.U11, u.U22, u.U33, u.U12, u.U13, u.U23];
                    AddTied(AnisotropicProjector(phase.Cell, group.SiteSymmetryOperations(site.Position, 1e-6)),
                        c => ParameterId.Uaniso(name, site.Label, names[c]), c => components[c]);
                }
                else
                {
                    Add(ParameterId.Uiso(name, site.Label), site.Displacement.Uiso);
                }

                foreach (var element in site.Occupants.GroupBy(o => o.Species.Symbol))
                    Add(ParameterId.Occupancy(name, site.Label, element.Key), element.Sum(o => o.Occupancy));
            }

            Add(ParameterId.PhaseScale(name), scales is not null && scales.TryGetValue(name, out double s) ? s : 1);
            if (fractions is not null && fractions.TryGetValue(name, out double f))
                Add(ParameterId.PhaseFraction(name), f);
        }
        return new ParameterCatalog(list, parameters.ToImmutable(), ties.ToImmutable(), dependent.ToImmutable(), values.ToImmutable());

        void Add(ParameterId id, double value)
        {
            parameters.Add(id);
            values[id] = value;
        }

        // The tie holds for the current values with the constant it implies: y = x/2 + 1/2 for a
        // site on −2x,−x,1/4 moved by a lattice vector, 0 for cell and displacement ties.
        void AddDependent(ParameterId id, double value, ImmutableArray<ConstraintTerm> on)
        {
            dependent.Add(id);
            values[id] = value;
            double constant = value - on.Sum(t => t.Coefficient * values[t.Parameter]);
            double snapped = Math.Round(constant * TieDenominator) / TieDenominator;
            ties[id] = new SymmetryTie(on, Math.Abs(snapped - constant) < 1e-9 ? snapped : constant);
        }

        // rows[i]: how component i depends on the underlying free parameters. A component whose row
        // is zero is fixed by symmetry; one whose row is independent of those chosen before is free;
        // any other is the combination of the free ones its row is.
        void AddTied(double[][] rows, Func<int, ParameterId> id, Func<int, double> value)
        {
            var free = new List<int>();
            for (int i = 0; i < rows.Length; i++)
            {
                if (rows[i].All(x => Math.Abs(x) < 1e-12)) continue;
                var k = Combination(rows, free, rows[i]);
                if (k is null)
                {
                    free.Add(i);
                    Add(id(i), value(i));
                }
                else
                {
                    AddDependent(id(i), value(i), [.. free.Select((f, n) => new ConstraintTerm(id(f), k[n])).Where(t => t.Coefficient != 0)]);
                }
            }
        }
    }

    /// <summary>A copy in which a listed, independent parameter starts from another value (a later stage starting where an earlier one ended).</summary>
    /// <param name="parameter">A parameter the catalog lists and that no symmetry tie makes dependent.</param>
    /// <param name="value">The new starting value, finite.</param>
    /// <exception cref="ArgumentException">The catalog does not list the parameter, or it is dependent, or the value is not finite.</exception>
    public ParameterCatalog WithValue(ParameterId parameter, double value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!Contains(parameter)) throw new ArgumentException($"The catalog does not list {parameter}.", nameof(parameter));
        if (_ties.ContainsKey(parameter)) throw new ArgumentException($"{parameter} follows from a symmetry tie; set the parameter it is tied to.", nameof(parameter));
        if (!double.IsFinite(value)) throw new ArgumentException($"{parameter}: the value {value} is not finite.", nameof(value));
        return new ParameterCatalog(Phases, Parameters, _ties, DependentParameters, Values.SetItem(parameter, value));
    }

    /// <summary>A copy that also lists a parameter declared elsewhere (a histogram's zero shift, say) with its value.</summary>
    /// <exception cref="ArgumentException">The catalog lists the parameter already.</exception>
    public ParameterCatalog WithParameter(ParameterId parameter, double value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (Contains(parameter)) throw new ArgumentException($"The catalog lists {parameter} already.", nameof(parameter));
        return new ParameterCatalog(Phases, Parameters.Add(parameter), _ties, DependentParameters, Values.Add(parameter, value));
    }

    /// <summary>
    /// Every catalogued value: those given (the catalog's own where none is given), with each
    /// dependent parameter recomputed from its ties so that symmetry holds exactly.
    /// </summary>
    public ImmutableDictionary<ParameterId, double> Complete(IReadOnlyDictionary<ParameterId, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = Values.ToBuilder();
        foreach (var (id, v) in values) if (result.ContainsKey(id)) result[id] = v;
        foreach (var d in DependentParameters) result[d] = _ties[d].Constant + _ties[d].On.Sum(t => t.Coefficient * result[t.Parameter]);
        return result.ToImmutable();
    }

    /// <summary>
    /// New phases carrying the given values (and standard uncertainties, when given): the inputs
    /// are not changed. Parameters not given keep the catalog's values; dependent ones follow their
    /// ties, and their s.u. is sqrt(Σ (k·s.u.)²) of the parameters they follow.
    /// </summary>
    /// <exception cref="ArgumentException">A value puts a site off its Wyckoff position or breaks the phase's checks.</exception>
    public ImmutableArray<Phase> ToPhases(IReadOnlyDictionary<ParameterId, double> values, IReadOnlyDictionary<ParameterId, double>? uncertainties = null)
    {
        var complete = Complete(values);
        return [.. Phases.Select(p => Write(p, complete, uncertainties))];
    }

    /// <summary>The phase of that name with the given values (see <see cref="ToPhases"/>).</summary>
    /// <exception cref="ArgumentException">No phase has that name.</exception>
    public Phase ToPhase(string phaseName, IReadOnlyDictionary<ParameterId, double> values, IReadOnlyDictionary<ParameterId, double>? uncertainties = null)
    {
        var phase = Phases.FirstOrDefault(p => p.Name == phaseName)
            ?? throw new ArgumentException($"The catalog holds no phase '{phaseName}'; it holds {string.Join(", ", Phases.Select(p => p.Name))}.", nameof(phaseName));
        return Write(phase, Complete(values), uncertainties);
    }

    private Phase Write(Phase phase, ImmutableDictionary<ParameterId, double> values, IReadOnlyDictionary<ParameterId, double>? su)
    {
        string name = phase.Name;
        double Value(ParameterId id, double old) => values.TryGetValue(id, out double v) ? v : old;
        double Su(ParameterId id, double old)
        {
            if (su is null) return old;
            if (su.TryGetValue(id, out double s)) return s;
            if (_ties.TryGetValue(id, out var tie) && tie.On.All(t => su.ContainsKey(t.Parameter)))
                return Math.Sqrt(tie.On.Sum(t => Math.Pow(t.Coefficient * su[t.Parameter], 2)));
            return old;
        }

        var c = phase.Cell;
        var cu = phase.CellUncertainty;
        ParameterId CellId(CellParameter p) => ParameterId.Cell(name, p);
        var cell = new UnitCell(Value(CellId(CellParameter.A), c.A), Value(CellId(CellParameter.B), c.B), Value(CellId(CellParameter.C), c.C),
                                Value(CellId(CellParameter.Alpha), c.Alpha), Value(CellId(CellParameter.Beta), c.Beta), Value(CellId(CellParameter.Gamma), c.Gamma));
        var cellSu = new CellUncertainty(Su(CellId(CellParameter.A), cu.A), Su(CellId(CellParameter.B), cu.B), Su(CellId(CellParameter.C), cu.C),
                                         Su(CellId(CellParameter.Alpha), cu.Alpha), Su(CellId(CellParameter.Beta), cu.Beta), Su(CellId(CellParameter.Gamma), cu.Gamma));
        var builder = Phase.Create(name).WithSpaceGroup(phase.SpaceGroup).WithCell(cell).WithCellUncertainty(cellSu);
        if (phase.StatedFormulaUnit is { } unit) builder.PerFormulaUnit(unit);

        foreach (var site in phase.Sites)
        {
            ParameterId Xyz(int axis) => ParameterId.Coordinate(name, site.Label, axis);
            var position = new FractionalPosition(Value(Xyz(0), site.Position.X), Value(Xyz(1), site.Position.Y), Value(Xyz(2), site.Position.Z));
            var positionSu = new FractionalPosition(Su(Xyz(0), site.PositionUncertainty.X), Su(Xyz(1), site.PositionUncertainty.Y), Su(Xyz(2), site.PositionUncertainty.Z));

            // Several species of one element on a site (Ni2+ and Ni3+) share its occupancy in their old proportions.
            var oldSums = site.Occupants.GroupBy(o => o.Species.Symbol).ToDictionary(g => g.Key, g => (Sum: g.Sum(o => o.Occupancy), Count: g.Count()));
            var occupants = new List<SiteOccupant>();
            foreach (var o in site.Occupants)
            {
                var id = ParameterId.Occupancy(name, site.Label, o.Species.Symbol);
                var (oldSum, count) = oldSums[o.Species.Symbol];
                double share = oldSum != 0 ? o.Occupancy / oldSum : 1.0 / count;
                double occupancySu = su is not null && su.TryGetValue(id, out double s) ? s * share : o.OccupancyUncertainty;
                occupants.Add(o with { Occupancy = Value(id, oldSum) * share, OccupancyUncertainty = occupancySu });
            }

            var d = site.Displacement;
            AtomicDisplacement displacement;
            if (d.Anisotropic is { } u)
            {
                ParameterId U(string component) => ParameterId.Uaniso(name, site.Label, component);
                var uu = d.AnisotropicUncertainty ?? default;
                displacement = AtomicDisplacement.FromAnisotropic(
                    new AnisotropicU(Value(U("U11"), u.U11), Value(U("U22"), u.U22), Value(U("U33"), u.U33), Value(U("U12"), u.U12), Value(U("U13"), u.U13), Value(U("U23"), u.U23)),
                    su is null && d.AnisotropicUncertainty is null ? null
                        : new AnisotropicU(Su(U("U11"), uu.U11), Su(U("U22"), uu.U22), Su(U("U33"), uu.U33), Su(U("U12"), uu.U12), Su(U("U13"), uu.U13), Su(U("U23"), uu.U23)));
            }
            else
            {
                var id = ParameterId.Uiso(name, site.Label);
                displacement = d == AtomicDisplacement.None && !values.ContainsKey(id)
                    ? d
                    : AtomicDisplacement.Isotropic(Value(id, d.Uiso), Su(id, d.UisoUncertainty));
            }
            builder.AddSite(site.Label, position, occupants, displacement, site.Wyckoff.Letter, positionSu);
        }
        return builder.Build();
    }

    /// <summary>
    /// The coordinate triplet of the site's Wyckoff position that the site lies on: the one whose
    /// free directions are left fixed by every site-symmetry rotation (the representative "x,x,z"
    /// and its image "−x,−x,z" give the same ties, "x,2x,z" and "−2x,−x,z" do not).
    /// </summary>
    private static CoordinateTriplet TripletOf(SpaceGroup group, AtomSite site)
    {
        var operations = group.SiteSymmetryOperations(site.Position, 1e-6);
        foreach (var t in site.Wyckoff.Coordinates)
        {
            bool fixedByAll = operations.All(op =>
            {
                for (int r = 0; r < 3; r++)
                    for (int c = 0; c < 3; c++)
                    {
                        int s = 0;
                        for (int k = 0; k < 3; k++) s += op.Rotation(r, k) * t.Coefficient(k, c);
                        if (s != t.Coefficient(r, c)) return false;
                    }
                return true;
            });
            if (fixedByAll) return t;
        }
        return site.Wyckoff.Representative;
    }

    /// <summary>
    /// The linear map U → its site-symmetric part (the average of W·β·Wᵀ with β = N·U·N,
    /// N = diag(a*, b*, c*)) as six rows over (U11, U22, U33, U12, U13, U23): row i says how
    /// component i of an allowed tensor depends on the components.
    /// </summary>
    private static double[][] AnisotropicProjector(UnitCell cell, IReadOnlyList<SymmetryOperation> operations)
    {
        double[] n = [cell.AStar, cell.BStar, cell.CStar];
        (int I, int J)[] index = [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2)];
        var rows = new double[6][];
        for (int i = 0; i < 6; i++) rows[i] = new double[6];
        for (int c = 0; c < 6; c++)
        {
            var beta = new double[3, 3];
            var (ci, cj) = index[c];
            beta[ci, cj] = beta[cj, ci] = n[ci] * n[cj];
            var sum = new double[3, 3];
            foreach (var op in operations)
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < 3; k++)
                            for (int l = 0; l < 3; l++) s += op.Rotation(i, k) * beta[k, l] * op.Rotation(j, l);
                        sum[i, j] += s;
                    }
            for (int r = 0; r < 6; r++)
            {
                var (ri, rj) = index[r];
                rows[r][c] = sum[ri, rj] / operations.Count / (n[ri] * n[rj]);
            }
        }
        return rows;
    }

    /// <summary>k with row = Σ kₙ·rows[free[n]], rounded to 1/24, or null when the row is independent of them.</summary>
    private static double[]? Combination(double[][] rows, List<int> free, double[] row)
    {
        if (free.Count == 0) return null;
        int m = row.Length;
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, free.Count, (i, n) => rows[free[n]][i]);
        var k = a.QR().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(row)).ToArray();
        for (int n = 0; n < k.Length; n++)
        {
            double rounded = Math.Round(k[n] * TieDenominator) / TieDenominator;
            if (Math.Abs(rounded - k[n]) < 1e-9) k[n] = rounded;
        }
        double residual = 0;
        for (int i = 0; i < m; i++)
        {
            double s = row[i];
            for (int n = 0; n < k.Length; n++) s -= k[n] * rows[free[n]][i];
            residual = Math.Max(residual, Math.Abs(s));
        }
        return residual < 1e-9 * Math.Max(1, row.Max(Math.Abs)) ? k : null;
    }

    /// <summary>dependent = Σ kᵢ·pᵢ + constant.</summary>
    private sealed record SymmetryTie(ImmutableArray<ConstraintTerm> On, double Constant)
    {
        public LinearConstraint ToConstraint(ParameterId dependent)
        {
            string right = string.Join(" + ", On.Select(t => $"{LinearConstraint.Format(t.Coefficient)}·{t.Parameter}"))
                           + (Constant != 0 ? $" + {LinearConstraint.Format(Constant)}" : "");
            string description = $"symmetry: {dependent} = {right}";
            return On.Length == 1 && Constant == 0
                ? LinearConstraint.Equivalence(On[0].Parameter, dependent, On[0].Coefficient, description)
                : new LinearConstraint(On.Append(new ConstraintTerm(dependent, -1)), -Constant, description);
        }
    }

    /// <summary>The monoclinic unique axis of a setting, read from its qualifier ("b1", "-c2"); b otherwise (as PhaseBuilder reads it).</summary>
    private static UniqueAxis UniqueAxisOf(SpaceGroup group)
    {
        if (group.CrystalSystem != CrystalSystem.Monoclinic) return UniqueAxis.B;
        string q = group.Setting.Qualifier.TrimStart('-');
        return q.Length > 0 && q[0] == 'a' ? UniqueAxis.A : q.Length > 0 && q[0] == 'c' ? UniqueAxis.C : UniqueAxis.B;
    }
}
