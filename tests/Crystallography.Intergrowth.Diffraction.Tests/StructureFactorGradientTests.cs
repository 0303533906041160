using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;
using Crystallography.Intergrowth.TestKit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crystallography.Intergrowth.Diffraction.Tests;

/// <summary>
/// The anisotropic-displacement gradient of <see cref="StructureFactorEvaluator"/> against central
/// differences (of the evaluator itself and of the explicit sum over atoms), on general and special
/// positions, and the in-place setters against evaluators built afresh from the changed phase.
/// </summary>
public class StructureFactorGradientTests
{
    private static readonly StructureFactorParameterKind[] UKinds =
    [
        StructureFactorParameterKind.U11, StructureFactorParameterKind.U22, StructureFactorParameterKind.U33,
        StructureFactorParameterKind.U12, StructureFactorParameterKind.U13, StructureFactorParameterKind.U23,
    ];

    // Reflections with every index non-zero (where the off-diagonal terms matter most), and some with zeros.
    private static readonly MillerIndex[] Reflections =
    [
        new(1, 2, 3), new(2, -1, 3), new(-3, 1, 2), new(1, 1, 2), new(2, 1, 1), new(3, -2, 1), new(-1, -2, 4),
        new(1, 0, 1), new(0, 1, 3), new(1, 1, 0), new(0, 0, 4), new(2, 0, 0),
    ];

    public static TheoryData<string, string> PhasesAndModels => new()
    {
        { "triclinic", "xray" }, { "triclinic", "neutron" },
        { "hexagonal", "xray" }, { "hexagonal", "neutron" },
        { "tetragonal", "xray" }, { "tetragonal", "neutron" },
    };

    public static TheoryData<string> AnisotropicPhases => new() { "triclinic", "hexagonal", "tetragonal" };

    /// <summary>P-1, triclinic cell: a general position (site symmetry 1), and 1b (site symmetry -1, which leaves U free).</summary>
    internal static Phase Triclinic() =>
        Phase.Create("triclinic").WithCell(new UnitCell(5.1, 6.2, 7.3, 82, 97, 104)).WithSpaceGroup("P-1")
            .AddSite("Ni1", new FractionalPosition(0.13, 0.27, 0.41), [SiteOccupant.Of("Ni", 0.95)],
                AtomicDisplacement.FromAnisotropic(new AnisotropicU(0.011, 0.014, 0.019, 0.003, -0.002, 0.004)))
            .AddSite("M1", new FractionalPosition(0, 0, 0.5), [SiteOccupant.Of("Li", 0.6), SiteOccupant.Of("Co", 0.3)],
                AtomicDisplacement.FromAnisotropic(new AnisotropicU(0.021, 0.009, 0.013, -0.004, 0.002, 0.001)))
            .AddSite("O1", new FractionalPosition(0.31, 0.62, 0.18), [SiteOccupant.Of("O", 0.9)], AtomicDisplacement.Isotropic(0.008))
            .Build();

    /// <summary>P63/mmc: 2a (−3m.), 2c (−6m2) and 4f (3m.), where U¹¹ = U²² = 2U¹² and U¹³ = U²³ = 0.</summary>
    internal static Phase Hexagonal()
    {
        var raw = new AnisotropicU(0.012, 0.016, 0.021, 0.003, 0.002, -0.001);
        var cell = UnitCell.Hexagonal(2.87, 12.1);
        var group = SpaceGroup.Parse("P63/mmc");
        return Phase.Create("hexagonal").WithCell(cell).WithSpaceGroup(group)
            .AddSite("Co1", new FractionalPosition(0, 0, 0), [SiteOccupant.Of("Co")], Anisotropic(raw, cell, group, new(0, 0, 0)))
            .AddSite("Li1", new FractionalPosition(1.0 / 3, 2.0 / 3, 0.25), [SiteOccupant.Of("Li", 0.7), SiteOccupant.Of("Ni", 0.2)],
                Anisotropic(raw with { U33 = 0.03 }, cell, group, new(1.0 / 3, 2.0 / 3, 0.25)))
            .AddSite("O1", new FractionalPosition(1.0 / 3, 2.0 / 3, 0.09), [SiteOccupant.Of("O")],
                Anisotropic(raw with { U11 = 0.008 }, cell, group, new(1.0 / 3, 2.0 / 3, 0.09)))
            .Build();
    }

    /// <summary>I4/mmm: 2a (4/mmm) and 4e (4mm), where U¹¹ = U²² and the off-diagonal components vanish; one isotropic site on 4d.</summary>
    internal static Phase Tetragonal()
    {
        var raw = new AnisotropicU(0.010, 0.014, 0.024, 0.003, 0.002, -0.001);
        var cell = UnitCell.Tetragonal(3.91, 12.7);
        var group = SpaceGroup.Parse("I4/mmm");
        return Phase.Create("tetragonal").WithCell(cell).WithSpaceGroup(group)
            .AddSite("Ru1", new FractionalPosition(0, 0, 0), [SiteOccupant.Of("Ru", 0.8), SiteOccupant.Of("Ti", 0.2)],
                Anisotropic(raw, cell, group, new(0, 0, 0)))
            .AddSite("O1", new FractionalPosition(0, 0, 0.35), [SiteOccupant.Of("O")], Anisotropic(raw with { U33 = 0.011 }, cell, group, new(0, 0, 0.35)))
            .AddSite("Li1", new FractionalPosition(0, 0.5, 0.25), [SiteOccupant.Of("Li")], AtomicDisplacement.Isotropic(0.015))
            .Build();
    }

    private static Phase PhaseNamed(string name) => name switch
    {
        "triclinic" => Triclinic(),
        "hexagonal" => Hexagonal(),
        "tetragonal" => Tetragonal(),
        "layered" => StructureFactorTestPhases.Layered(0.05),
        _ => throw new ArgumentException(name),
    };

    private static ScatteringModel ModelNamed(string name) => name switch
    {
        "xray" => ScatteringModel.XRay().WithAnomalousDispersion(Anode.Copper),
        "neutron" => ScatteringModel.Neutron(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(PhasesAndModels))]
    public void Uij_derivatives_agree_with_central_differences_of_the_evaluator(string phaseName, string modelName)
    {
        var phase = PhaseNamed(phaseName);
        var model = ModelNamed(modelName);
        var evaluator = new StructureFactorEvaluator(phase, model);
        var probe = new StructureFactorEvaluator(phase, model);
        var gradient = new double[evaluator.Parameters.Length];
        double atoms = ScatteringSum(phase, model);
        int checkedReflections = 0;
        foreach (var hkl in Reflections)
        {
            double f2 = evaluator.SquaredModulus(hkl, gradient);
            if (IsAbsent(f2, atoms)) continue;
            checkedReflections++;
            var analytic = new List<double>();
            var numeric = new List<double>();
            for (int p = 0; p < evaluator.Parameters.Length; p++)
            {
                var parameter = evaluator.Parameters[p];
                int k = Array.IndexOf(UKinds, parameter.Kind);
                if (k < 0) continue;
                var u = Components(phase.Sites[parameter.SiteIndex].Displacement.Anisotropic!.Value);
                analytic.Add(gradient[p]);
                // Five-point differences with δ = 1e-5 Å²: the exponent's curvature 2π²N²h² ≲ 200 Å⁻² makes
                // the truncation error ~(200δ)⁴ ≈ 1e-11 relative; rounding ~1e-16/δ = 1e-11.
                numeric.Add(FiniteDifference.Derivative(value =>
                {
                    var shifted = (double[])u.Clone();
                    shifted[k] = value;
                    SetU(probe, parameter.SiteIndex, shifted);
                    return probe.SquaredModulus(hkl);
                }, u[k], 1e-5));
                SetU(probe, parameter.SiteIndex, u);
            }
            // Relative to the largest U derivative of the reflection (FiniteDifference.ScaledError), with the
            // floor of the differences' rounding noise.
            double error = FiniteDifference.ScaledError([.. analytic], [.. numeric], floor: RoundingFloor(f2, atoms) / 1e-6);
            Assert.True(error <= 1e-6,
                $"{phaseName} {modelName} {hkl}: U derivatives {string.Join(", ", analytic)} against finite differences {string.Join(", ", numeric)} (scaled error {error:E2}).");
        }
        Assert.True(checkedReflections >= 6, $"only {checkedReflections} reflections were checked");
    }

    [Theory]
    [MemberData(nameof(PhasesAndModels))]
    public void Uij_derivatives_agree_with_central_differences_of_the_explicit_sum_over_atoms(string phaseName, string modelName)
    {
        // Independent of the evaluator's value: the slow sum over every atom of the cell, each image with
        // its own W β Wᵀ, differentiated along directions the site symmetry allows (all six for site
        // symmetry 1 or −1; on a special position the projections of the six unit tensors, e.g.
        // (1, 0, 0, ½, 0, 0)·U¹¹ on a threefold axis), which the phase builder accepts.
        var phase = PhaseNamed(phaseName);
        var model = ModelNamed(modelName);
        var scattering = StructureFactorReference.Scattering(model);
        var evaluator = new StructureFactorEvaluator(phase, model);
        var gradient = new double[evaluator.Parameters.Length];
        double atoms = ScatteringSum(phase, model);
        foreach (var hkl in Reflections.Take(8))
        {
            double f2 = evaluator.SquaredModulus(hkl, gradient);
            if (IsAbsent(f2, atoms)) continue;
            for (int s = 0; s < phase.Sites.Length; s++)
            {
                var site = phase.Sites[s];
                if (site.Displacement.Anisotropic is not { } u) continue;
                var location = phase.SpaceGroup.Locate(site.Position);
                int first = evaluator.Parameters.IndexOf(new StructureFactorParameter(s, StructureFactorParameterKind.U11));
                double largest = Enumerable.Range(first, 6).Max(i => Math.Abs(gradient[i]));
                for (int k = 0; k < 6; k++)
                {
                    var unit = new double[6];
                    unit[k] = 1;
                    var direction = Components(Symmetrized(FromComponents(unit), phase.Cell, location.SiteOperations));
                    if (direction.All(d => Math.Abs(d) < 1e-12)) continue;
                    double analytic = 0;
                    for (int i = 0; i < 6; i++) analytic += direction[i] * gradient[first + i];
                    var start = Components(u);
                    double numeric = FiniteDifference.Derivative(t =>
                    {
                        var moved = FromComponents([.. start.Select((x, i) => x + t * direction[i])]);
                        var shifted = phase.WithDisplacement(site.Label, AtomicDisplacement.FromAnisotropic(moved));
                        var f = StructureFactorReference.StructureFactor(shifted, scattering, hkl);
                        return f.Real * f.Real + f.Imaginary * f.Imaginary;
                    }, 0, 1e-5);
                    // The scale: the site's largest U derivative times the direction's largest component.
                    double scale = largest * direction.Max(Math.Abs);
                    Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * scale + RoundingFloor(f2, atoms),
                        $"{phaseName} {modelName} {hkl} site {site.Label} along ({string.Join(", ", direction)}): analytic {analytic:G10}, explicit sum {numeric:G10}.");
                }
            }
        }
    }

    [Property(MaxTest = 20)]
    public Property Every_derivative_agrees_with_central_differences_through_the_setters(int seed)
    {
        // Random structures in sixteen groups of every crystal system (the property tests' generator),
        // every gradient entry against differences taken through the setters, which treat coordinates
        // and Uij as free numbers just as the gradient does.
        var phase = StructureFactorPropertyTests.RandomPhase(seed);
        foreach (var model in new[] { ModelNamed("xray"), ModelNamed("neutron") })
        {
            var evaluator = new StructureFactorEvaluator(phase, model);
            var probe = new StructureFactorEvaluator(phase, model);
            var gradient = new double[evaluator.Parameters.Length];
            double atoms = ScatteringSum(phase, model);
            foreach (var hkl in Reflections.Take(7))
            {
                double f2 = evaluator.SquaredModulus(hkl, gradient);
                if (IsAbsent(f2, atoms)) continue;
                int hMax = Math.Max(Math.Abs(hkl.H), Math.Max(Math.Abs(hkl.K), Math.Abs(hkl.L)));
                for (int p = 0; p < evaluator.Parameters.Length; p++)
                {
                    var parameter = evaluator.Parameters[p];
                    int s = parameter.SiteIndex;
                    var site = phase.Sites[s];
                    Func<double, double> f2Of;
                    double at, step, scale;
                    switch (parameter.Kind)
                    {
                        case StructureFactorParameterKind.X or StructureFactorParameterKind.Y or StructureFactorParameterKind.Z:
                            int axis = (int)parameter.Kind;
                            at = site.Position[axis];
                            step = 1e-6;
                            scale = 2 * Math.PI * (hMax + 1) * (f2 + 1);
                            f2Of = value =>
                            {
                                double[] x = [site.Position.X, site.Position.Y, site.Position.Z];
                                x[axis] = value;
                                probe.SetPosition(s, x[0], x[1], x[2]);
                                return probe.SquaredModulus(hkl);
                            };
                            break;
                        case StructureFactorParameterKind.Uiso:
                            at = site.Displacement.Uiso;
                            step = 1e-5;
                            scale = 8 * Math.PI * Math.PI * (f2 + 1);
                            f2Of = value =>
                            {
                                probe.SetUiso(s, value);
                                return probe.SquaredModulus(hkl);
                            };
                            break;
                        case StructureFactorParameterKind.Occupancy:
                            at = site.Occupants[parameter.OccupantIndex].Occupancy;
                            step = 1e-5;
                            scale = f2 + 1;
                            f2Of = value =>
                            {
                                probe.SetOccupancy(s, parameter.OccupantIndex, value);
                                return probe.SquaredModulus(hkl);
                            };
                            break;
                        default:
                            int k = Array.IndexOf(UKinds, parameter.Kind);
                            var u = Components(site.Displacement.Anisotropic!.Value);
                            at = u[k];
                            step = 1e-5;
                            // |∂T/∂U| ≤ 2·2π² N_i N_j |h′_i h′_j| T; N ≤ 1/3 Å⁻¹ for these cells.
                            scale = 4 * Math.PI * Math.PI * (hMax + 1) * (hMax + 1) * (f2 + 1) / 9;
                            f2Of = value =>
                            {
                                var shifted = (double[])u.Clone();
                                shifted[k] = value;
                                SetU(probe, s, shifted);
                                return probe.SquaredModulus(hkl);
                            };
                            break;
                    }
                    double numeric = FiniteDifference.Derivative(f2Of, at, step);
                    probe.Update(phase); // back to the phase's values for the next parameter
                    Assert.True(Math.Abs(gradient[p] - numeric) <= 1e-6 * scale + RoundingFloor(f2, atoms),
                        $"{phase.SpaceGroup} {model} {hkl} {parameter} ({site}): analytic {gradient[p]:G10}, finite difference {numeric:G10}.");
                }
            }
        }
        return true.ToProperty();
    }

    [Fact]
    public void Gradient_layout_lists_the_six_U_components_of_an_anisotropic_site()
    {
        var evaluator = new StructureFactorEvaluator(Tetragonal(), ScatteringModel.XRay());
        Assert.Equal(
        [
            "site 0 X", "site 0 Y", "site 0 Z", "site 0 U11", "site 0 U22", "site 0 U33", "site 0 U12", "site 0 U13", "site 0 U23",
            "site 0 occupancy 0", "site 0 occupancy 1",
            "site 1 X", "site 1 Y", "site 1 Z", "site 1 U11", "site 1 U22", "site 1 U33", "site 1 U12", "site 1 U13", "site 1 U23",
            "site 1 occupancy 0",
            "site 2 X", "site 2 Y", "site 2 Z", "site 2 Uiso", "site 2 occupancy 0",
        ], evaluator.Parameters.Select(p => p.ToString()));
        // The members added for U keep the numeric values of the earlier ones.
        Assert.Equal([0, 1, 2, 3, 4], new[]
        {
            StructureFactorParameterKind.X, StructureFactorParameterKind.Y, StructureFactorParameterKind.Z,
            StructureFactorParameterKind.Uiso, StructureFactorParameterKind.Occupancy,
        }.Select(k => (int)k));
    }

    public static TheoryData<string> ChangedPhases => new() { "layered", "triclinic", "hexagonal", "tetragonal" };

    [Theory]
    [MemberData(nameof(ChangedPhases))]
    public void Setters_give_the_values_of_a_fresh_evaluator_of_the_changed_phase(string name)
    {
        var phase = PhaseNamed(name);
        var changed = Changed(phase);
        foreach (var model in new[] { ModelNamed("xray"), ModelNamed("neutron") })
        {
            var evaluator = new StructureFactorEvaluator(phase, model);
            SetAll(evaluator, changed);
            Assert.Same(phase, evaluator.Phase); // the setters leave the described phase alone
            AssertSameValues(new StructureFactorEvaluator(changed, model), evaluator, changed, model, $"{name} {model}");
        }
    }

    [Theory]
    [MemberData(nameof(AnisotropicPhases))]
    public void Setting_the_cell_of_an_anisotropic_phase_keeps_U_and_recomputes_beta(string name)
    {
        var phase = PhaseNamed(name);
        var cell = phase.Cell;
        // A few per cent on every free parameter of the crystal system.
        var changed = phase.WithCell(name == "triclinic"
            ? new UnitCell(cell.A * 1.04, cell.B * 1.03, cell.C * 0.97, cell.Alpha + 2, cell.Beta - 1.5, cell.Gamma + 1)
            : new UnitCell(cell.A * 1.04, cell.A * 1.04, cell.C * 0.97, cell.Alpha, cell.Beta, cell.Gamma));
        var model = ModelNamed("xray");
        var evaluator = new StructureFactorEvaluator(phase, model);
        var c = changed.Cell;
        evaluator.SetCell(c.A, c.B, c.C, c.Alpha, c.Beta, c.Gamma);
        AssertSameValues(new StructureFactorEvaluator(changed, model), evaluator, changed, model, name);
        // And a moved cell differs: β did change with the cell.
        var hkl = new MillerIndex(1, 2, 3);
        Assert.NotEqual(new StructureFactorEvaluator(phase, model).SquaredModulus(hkl), evaluator.SquaredModulus(hkl), 1e-6);
    }

    [Fact]
    public void Update_after_setters_restores_the_phase_values()
    {
        var phase = Triclinic();
        var model = ModelNamed("neutron");
        var evaluator = new StructureFactorEvaluator(phase, model);
        SetAll(evaluator, Changed(phase));
        evaluator.Update(phase);
        AssertSameValues(new StructureFactorEvaluator(phase, model), evaluator, phase, model, "triclinic restored");
    }

    [Fact]
    public void Setters_check_their_arguments()
    {
        var evaluator = new StructureFactorEvaluator(Tetragonal(), ScatteringModel.XRay()); // Ru1, O1 anisotropic; Li1 isotropic

        Assert.Equal("site", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetPosition(3, 0, 0, 0)).ParamName);
        Assert.Equal("site", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetPosition(-1, 0, 0, 0)).ParamName);
        Assert.Equal("site", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetUiso(3, 0.01)).ParamName);
        Assert.Equal("site", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetAnisotropic(-1, 0, 0, 0, 0, 0, 0)).ParamName);
        Assert.Equal("site", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetOccupancy(3, 0, 1)).ParamName);
        Assert.Equal("occupant", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetOccupancy(0, 2, 1)).ParamName);
        Assert.Equal("occupant", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetOccupancy(1, -1, 1)).ParamName);

        var uiso = Assert.Throws<InvalidOperationException>(() => evaluator.SetUiso(1, 0.01));
        Assert.Contains("O1", uiso.Message, StringComparison.Ordinal);
        var tensor = Assert.Throws<InvalidOperationException>(() => evaluator.SetAnisotropic(2, 0.01, 0.01, 0.01, 0, 0, 0));
        Assert.Contains("Li1", tensor.Message, StringComparison.Ordinal);

        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetCell(0, 4, 5, 90, 90, 90)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetCell(4, 4, double.NaN, 90, 90, 90)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.SetCell(4, 4, 5, 90, 90, 180)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => evaluator.SetCell(4, 4, 5, 170, 60, 60)).ParamName);

        // A refused call changes nothing.
        var hkl = new MillerIndex(1, 0, 3);
        Assert.Equal(new StructureFactorEvaluator(Tetragonal(), ScatteringModel.XRay()).SquaredModulus(hkl), evaluator.SquaredModulus(hkl));
    }

    [Fact]
    public void Setters_and_the_gradient_allocate_nothing()
    {
        var phase = Triclinic();
        var evaluator = new StructureFactorEvaluator(phase, ScatteringModel.XRay().WithAnomalousDispersion(Anode.Copper));
        var gradient = new double[evaluator.Parameters.Length];
        var hkl = new MillerIndex(2, -1, 3);
        void Cycle()
        {
            evaluator.SetCell(5.12, 6.21, 7.29, 82.1, 96.9, 104.2);
            evaluator.SetPosition(0, 0.131, 0.271, 0.409);
            evaluator.SetAnisotropic(0, 0.012, 0.014, 0.018, 0.003, -0.002, 0.004);
            evaluator.SetAnisotropic(1, 0.020, 0.010, 0.013, -0.004, 0.002, 0.001);
            evaluator.SetUiso(2, 0.009);
            evaluator.SetOccupancy(1, 1, 0.31);
            evaluator.SquaredModulus(hkl, gradient);
        }
        Action cycle = Cycle;
        for (int warm = 0; warm < 3; warm++) cycle(); // JIT and tiering
        long bytes = Allocation.FewestBytes(cycle);
        Assert.True(bytes == 0, $"every cycle of setters and gradient allocated at least {bytes} bytes");
    }

    /// <summary>The phase with every value moved a little: cell, free coordinates, Uiso, U (kept symmetric) and occupancies.</summary>
    private static Phase Changed(Phase phase)
    {
        var cell = phase.Cell;
        var builder = phase.ToBuilder().WithSiteTolerance(1e-9).WithCell(phase.SpaceGroup.CrystalSystem switch
        {
            CrystalSystem.Triclinic => new UnitCell(cell.A * 1.01, cell.B * 0.99, cell.C * 1.02, cell.Alpha + 1, cell.Beta - 0.5, cell.Gamma + 0.7),
            _ => new UnitCell(cell.A * 1.01, cell.B * 1.01, cell.C * 0.98, cell.Alpha, cell.Beta, cell.Gamma),
        });
        foreach (var site in phase.Sites)
        {
            // Shift every coordinate and project back onto the site's Wyckoff position.
            var location = phase.SpaceGroup.Locate(site.Position, 1e-9);
            var shifted = new FractionalPosition(site.Position.X + 0.003, site.Position.Y - 0.002, site.Position.Z + 0.004);
            var moved = location.SiteOperations.Length == 1 ? shifted : Projected(shifted, location.SiteOperations);
            builder.WithSitePosition(site.Label, moved);
            builder.WithOccupants(site.Label, site.Occupants.Select((o, i) => o with { Occupancy = o.Occupancy * (i % 2 == 0 ? 0.97 : 1.02) }));
            builder.WithDisplacement(site.Label, site.Displacement.Anisotropic is { } u
                ? AtomicDisplacement.FromAnisotropic(Symmetrized(new AnisotropicU(u.U11 * 1.1, u.U22 * 0.95, u.U33 * 1.05, u.U12 + 0.001, u.U13 - 0.0005, u.U23 + 0.0007),
                    cell, location.SiteOperations))
                : AtomicDisplacement.Isotropic(site.Displacement.Uiso * 1.2));
        }
        var changed = builder.Build();
        Assert.Equal(phase.Sites.Select(s => s.Wyckoff.Label), changed.Sites.Select(s => s.Wyckoff.Label));
        return changed;
    }

    /// <summary>Gives the evaluator every value of <paramref name="phase"/> through the setters, as a refinement would.</summary>
    private static void SetAll(StructureFactorEvaluator evaluator, Phase phase)
    {
        var c = phase.Cell;
        evaluator.SetCell(c.A, c.B, c.C, c.Alpha, c.Beta, c.Gamma);
        for (int s = 0; s < phase.Sites.Length; s++)
        {
            var site = phase.Sites[s];
            evaluator.SetPosition(s, site.Position.X, site.Position.Y, site.Position.Z);
            if (site.Displacement.Anisotropic is { } u) evaluator.SetAnisotropic(s, u.U11, u.U22, u.U33, u.U12, u.U13, u.U23);
            else evaluator.SetUiso(s, site.Displacement.Uiso);
            for (int o = 0; o < site.Occupants.Length; o++) evaluator.SetOccupancy(s, o, site.Occupants[o].Occupancy);
        }
    }

    /// <summary>
    /// |F|² and the gradient of every reflection to d = 0.8 Å (and the fixed list) agree to 1e-12 relative,
    /// above the rounding noise of a reflection that the structure extinguishes (|F|² ~ (1e-16 Σ|f|)²,
    /// where relative agreement means nothing).
    /// </summary>
    private static void AssertSameValues(StructureFactorEvaluator expected, StructureFactorEvaluator actual, Phase phase, ScatteringModel model, string what)
    {
        double atoms = ScatteringSum(phase, model);
        double noise = 1e-26 * atoms * atoms;
        var list = ReflectionList.Generate(phase, 0.8);
        var reflections = Enumerable.Range(0, list.Count).Select(list.Index).Concat(Reflections).ToList();
        Assert.True(reflections.Count > 20, $"{what}: only {reflections.Count} reflections");
        var ge = new double[expected.Parameters.Length];
        var ga = new double[actual.Parameters.Length];
        foreach (var hkl in reflections)
        {
            double fe = expected.SquaredModulus(hkl, ge);
            double fa = actual.SquaredModulus(hkl, ga);
            Assert.True(Math.Abs(fe - fa) <= 1e-12 * fe + noise, $"{what} {hkl}: |F|² {fa:R} through the setters, {fe:R} built afresh.");
            // Derivatives are 2 Re(F* ∂F/∂p): their noise floor is |F| times that of ∂F, ~1e-13 Σ|f|·|F|·(2π h or 8π² s²).
            double scale = ge.Max(Math.Abs);
            for (int p = 0; p < ge.Length; p++)
                Assert.True(Math.Abs(ge[p] - ga[p]) <= 1e-12 * scale + 1e-10 * atoms * Math.Sqrt(fe),
                    $"{what} {hkl} {expected.Parameters[p]}: derivative {ga[p]:R} through the setters, {ge[p]:R} built afresh.");
        }
    }

    /// <summary>Σ over the atoms of the cell of |occupancy · f(0)| (electrons or fm): the scale of F's rounding.</summary>
    private static double ScatteringSum(Phase phase, ScatteringModel model)
    {
        var scattering = StructureFactorReference.Scattering(model);
        return phase.Sites.Sum(s => s.Multiplicity * s.Occupants.Sum(o => o.Occupancy * System.Numerics.Complex.Abs(scattering(o.Species, 0))));
    }

    /// <summary>
    /// A reflection this structure extinguishes (a zero of F that symmetry, not chance, forces): what is
    /// left is the rounding of a sum of terms of size Σ|f|, |F| ≲ 1e-13 Σ|f|.
    /// </summary>
    private static bool IsAbsent(double f2, double atoms) => f2 <= 1e-26 * atoms * atoms;

    /// <summary>
    /// The rounding noise of a five-point difference of |F|² with step δ ≥ 1e-6: |F|² = |F|·|F| carries an
    /// error of ~1e-16·Σ|f|·|F| per evaluation, divided by δ and multiplied by the stencil's 18/12; a
    /// hundredfold margin gives 1e-8·Σ|f|·|F|.
    /// </summary>
    private static double RoundingFloor(double f2, double atoms) => 1e-8 * atoms * Math.Sqrt(f2);

    private static void SetU(StructureFactorEvaluator evaluator, int site, double[] u) =>
        evaluator.SetAnisotropic(site, u[0], u[1], u[2], u[3], u[4], u[5]);

    private static double[] Components(AnisotropicU u) => [u.U11, u.U22, u.U33, u.U12, u.U13, u.U23];

    private static AnisotropicU FromComponents(double[] u) => new(u[0], u[1], u[2], u[3], u[4], u[5]);

    private static AtomicDisplacement Anisotropic(AnisotropicU raw, UnitCell cell, SpaceGroup group, FractionalPosition position) =>
        AtomicDisplacement.FromAnisotropic(Symmetrized(raw, cell, group.Locate(position).SiteOperations));

    // The average of W β Wᵀ over the site-symmetry operations, β = N U N: the tensor the site symmetry allows
    // (a projection, so linear: it also maps a direction of change to an allowed one).
    private static AnisotropicU Symmetrized(AnisotropicU u, UnitCell cell, IReadOnlyList<SymmetryOperation> siteOperations)
    {
        double[] n = [cell.AStar, cell.BStar, cell.CStar];
        var sum = new double[3, 3];
        foreach (var op in siteOperations)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    for (int a = 0; a < 3; a++)
                        for (int b = 0; b < 3; b++)
                            sum[i, j] += op.Rotation(i, a) * n[a] * n[b] * u[a, b] * op.Rotation(j, b);
        double U(int i, int j) => sum[i, j] / siteOperations.Count / (n[i] * n[j]);
        return new AnisotropicU(U(0, 0), U(1, 1), U(2, 2), U(0, 1), U(0, 2), U(1, 2));
    }

    // The average of the site-symmetry images of a nearby point: its projection onto the special position
    // (the images are taken to the lattice translate nearest the first).
    private static FractionalPosition Projected(FractionalPosition p, IReadOnlyList<SymmetryOperation> siteOperations)
    {
        double x = 0, y = 0, z = 0;
        foreach (var op in siteOperations)
        {
            var image = op.Apply(p);
            x += image.X - Math.Round(image.X - p.X);
            y += image.Y - Math.Round(image.Y - p.Y);
            z += image.Z - Math.Round(image.Z - p.Z);
        }
        int count = siteOperations.Count;
        return new FractionalPosition(x / count, y / count, z / count);
    }
}
