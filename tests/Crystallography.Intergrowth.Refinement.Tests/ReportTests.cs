using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.StructureModel;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>The refinement table: golden text and Markdown, phase fractions, correlations sorted and thresholded.</summary>
public sealed class ReportTests
{
    private static readonly ParameterId A = ParameterId.Parse("layered/cell/a");
    private static readonly ParameterId Z = ParameterId.Parse("layered/O1/z");
    private static readonly ParameterId Occ = ParameterId.Parse("rocksalt/M1/occ[Li]");

    private static RefinementTable SmallTable() => new RefinementTableBuilder()
        .AddParameter(A, 2.94194, 0.00007, ParameterStatus.Refined, 0.02)
        .AddParameter(Z, 0.25712, 0.00031, ParameterStatus.Refined, -0.1)
        .AddParameter(Occ, 0.6071, 0.0042, ParameterStatus.Constrained)
        .AddParameter(ParameterId.Parse("hist:sxrd/zero"), 0, 0, ParameterStatus.Fixed, 0.5)
        .AddPhaseFraction("layered", new MeasuredValue(0.7, 0.006), new MeasuredValue(0.721, 0.0052))
        .AddPhaseFraction("rocksalt", new MeasuredValue(0.3, 0.006), new MeasuredValue(0.279, 0.0052))
        .AddCorrelations([A, Z, Occ], new[,] { { 1, 0.3, -0.92 }, { 0.3, 1, 0.85 }, { -0.92, 0.85, 1 } }, 0.8)
        .Build();

    [Fact]
    public void Plain_text_golden()
    {
        const string expected =
            "Parameters\n" +
            "Parameter            Value       Status       Shift/s.u.\n" +
            "layered/cell/a       2.94194(7)  refined      0.02\n" +
            "layered/O1/z         0.2571(3)   refined      -0.10\n" +
            "rocksalt/M1/occ[Li]  0.607(4)    constrained\n" +
            "hist:sxrd/zero       0           fixed\n" +
            "\n" +
            "Phase fractions\n" +
            "Phase     mol %    wt %\n" +
            "layered   70.0(6)  72.1(5)\n" +
            "rocksalt  30.0(6)  27.9(5)\n" +
            "\n" +
            "Correlations |ρ| ≥ 0.80\n" +
            "Parameter       Parameter            ρ\n" +
            "layered/cell/a  rocksalt/M1/occ[Li]  -0.92\n" +
            "layered/O1/z    rocksalt/M1/occ[Li]  0.85\n";
        Assert.Equal(expected, SmallTable().ToText());
    }

    [Fact]
    public void Markdown_golden()
    {
        const string expected =
            "**Parameters**\n\n" +
            "| Parameter | Value | Status | Shift/s.u. |\n" +
            "|---|---|---|---|\n" +
            "| layered/cell/a | 2.94194(7) | refined | 0.02 |\n" +
            "| layered/O1/z | 0.2571(3) | refined | -0.10 |\n" +
            "| rocksalt/M1/occ[Li] | 0.607(4) | constrained |  |\n" +
            "| hist:sxrd/zero | 0 | fixed |  |\n" +
            "\n" +
            "**Phase fractions**\n\n" +
            "| Phase | mol % | wt % |\n" +
            "|---|---|---|\n" +
            "| layered | 70.0(6) | 72.1(5) |\n" +
            "| rocksalt | 30.0(6) | 27.9(5) |\n" +
            "\n" +
            "**Correlations \\|ρ\\| ≥ 0.80**\n\n" +
            "| Parameter | Parameter | ρ |\n" +
            "|---|---|---|\n" +
            "| layered/cell/a | rocksalt/M1/occ[Li] | -0.92 |\n" +
            "| layered/O1/z | rocksalt/M1/occ[Li] | 0.85 |\n";
        Assert.Equal(expected, SmallTable().ToMarkdown());
    }

    [Fact]
    public void Correlations_are_sorted_by_magnitude_and_thresholded()
    {
        ParameterId[] ids = [A, Z, Occ, ParameterId.Parse("layered/scale")];
        var rho = new[,]
        {
            { 1, 0.5, -0.7, 0.95 },
            { 0.5, 1, 0.7, -0.2 },
            { -0.7, 0.7, 1, 0.69 },
            { 0.95, -0.2, 0.69, 1 },
        };
        var strongest = ParameterCorrelations.Strongest(ids, rho, 0.7);
        Assert.Equal([0.95, -0.7, 0.7], strongest.Select(c => c.Coefficient).ToArray());
        Assert.Equal((A, ids[3]), (strongest[0].First, strongest[0].Second));
        Assert.Equal((A, Occ), (strongest[1].First, strongest[1].Second));   // tie: matrix order
        Assert.Equal(6, ParameterCorrelations.Strongest(ids, rho, 0).Count);
        Assert.Empty(ParameterCorrelations.Strongest(ids, rho, 0.96));
    }

    [Fact]
    public void Correlation_from_covariance()
    {
        var rho = ParameterCorrelations.FromCovariance(new[,] { { 4.0, -3.0 }, { -3.0, 9.0 } });
        Assert.Equal(-0.5, rho[0, 1], 15);
        Assert.Equal(1, rho[1, 1]);
    }

    [Fact]
    public void Phase_fractions_from_phases_and_scale_covariance()
    {
        var layered = StructurePrototypes.Layered("layered", 2.94, 14.41, [SiteOccupant.Of("Li+", 1)],
            [SiteOccupant.Of("Li+", 0.2), SiteOccupant.Of("Ni2+", 0.4), SiteOccupant.Of("Ru5+", 0.4)], oxygenZ: 0.257);
        var rocksalt = StructurePrototypes.Rocksalt("rocksalt", 4.16,
            [SiteOccupant.Of("Li+", 0.6), SiteOccupant.Of("Ni2+", 0.2), SiteOccupant.Of("Ru5+", 0.2)]);
        (Phase, double)[] phases = [(layered, 1e-3), (rocksalt, 7e-4)];
        var cov = new[,] { { 1e-10, 0 }, { 0, 1e-10 } };
        var table = new RefinementTableBuilder().AddPhaseFractions(phases, cov).Build();
        var (weight, mole) = PhaseFractionUncertainty.Of(phases, cov);
        Assert.Equal(["layered", "rocksalt"], table.PhaseFractions.Select(r => r.Phase).ToArray());
        Assert.Equal(100 * mole[0].Value, table.PhaseFractions[0].MolePercent.Value, 12);
        Assert.Equal(100 * weight[1].StandardUncertainty, table.PhaseFractions[1].WeightPercent.StandardUncertainty, 12);
        Assert.Equal(100.0, table.PhaseFractions.Sum(r => r.MolePercent.Value), 12);
    }

    [Fact]
    public void Fixed_rows_carry_no_shift_and_negative_su_is_refused()
    {
        var table = SmallTable();
        Assert.Null(table.Parameters[3].ShiftOverSu);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RefinementTableBuilder().AddParameter(A, 1, -1, ParameterStatus.Refined));
    }
}
