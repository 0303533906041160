using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Diffraction.Tests;

public class PdCifWriterTests
{
    private static PowderPattern Sample() =>
        new PowderPattern(AxisKind.TwoThetaDegrees, [10.0, 10.02, 10.04, 10.06], [120.5, 1e-7, 3333.25, -2.0], [11.0, 0.5, 57.7333, 0.0])
            .WithWavelengths(1.5405981, 1.5444201).WithWavelengthIntensityRatio(0.4690).WithTitle("Round trip, Cu Kα");

    [Fact]
    public void Pattern_with_sigma_reads_back_exactly()
    {
        var p = Sample();
        string text = PdCifWriter.Write(p);
        Assert.Contains("_pd_meas_2theta_scan", text);
        Assert.Contains("_pd_meas_intensity_total_su", text);
        var back = Assert.Single(PdCifReader.ParseAll(text, "rt.cif"));
        Assert.Equal(p.X.ToArray(), back.X.ToArray());
        Assert.Equal(p.Y.ToArray(), back.Y.ToArray());
        Assert.Equal(p.Sigma.ToArray(), back.Sigma.ToArray());
        Assert.Equal(SigmaSource.File, back.SigmaSource);
        Assert.Equal(p.Wavelengths.ToArray(), back.Wavelengths.ToArray());
        Assert.Equal(0.4690, back.WavelengthIntensityRatio);
        Assert.Equal("Round trip, Cu Kα", back.Title);
    }

    [Fact]
    public void Counts_are_written_as_counts_and_keep_counting_statistics()
    {
        var p = new PowderPattern(AxisKind.TwoThetaDegrees, [5.0, 5.02, 5.04], [484, 0, 457]).WithWavelengths(1.54056);
        string text = PdCifWriter.Write(p, "counts");
        Assert.Contains("_pd_meas_counts_total", text);
        var back = PdCifReader.ParseAll(text)[0];
        Assert.Equal(p.Y.ToArray(), back.Y.ToArray());
        Assert.Equal(p.Sigma.ToArray(), back.Sigma.ToArray());
        Assert.Equal(SigmaSource.CountingStatistics, back.SigmaSource);
        Assert.Equal(1.54056, back.Wavelength);
    }

    [Fact]
    public void Parenthesised_sigma_and_time_of_flight()
    {
        var tof = new PowderPattern(AxisKind.TimeOfFlightMicroseconds, [3001.589, 3003.09], [40409, 40171], [462, 460]);
        string text = PdCifWriter.Write(tof, "tof", PdCifUncertaintyStyle.Parentheses);
        Assert.Contains("40409(462)", text);
        var back = PdCifReader.ParseAll(text)[0];
        Assert.Equal(AxisKind.TimeOfFlightMicroseconds, back.Axis);
        Assert.Equal(tof.X.ToArray(), back.X.ToArray());
        Assert.Equal(tof.Y.ToArray(), back.Y.ToArray());
        Assert.Equal(tof.Sigma.ToArray(), back.Sigma.ToArray());
    }

    [Fact]
    public void Parentheses_keep_every_digit_of_the_intensity()
    {
        var p = new PowderPattern(AxisKind.TwoThetaDegrees, [1.0, 2.0, 3.0], [120.5, 7.0, 1e-7], [11.0, 0.04, 2e-8]);
        string text = PdCifWriter.Write(p, "p", PdCifUncertaintyStyle.Parentheses);
        Assert.Contains("120.5(110)", text);
        Assert.Contains("7.00(4)", text);
        Assert.Contains("0.00000010(2)", text);
        var back = PdCifReader.ParseAll(text)[0];
        Assert.Equal(p.Y.ToArray(), back.Y.ToArray());
        Assert.Equal(p.Sigma.ToArray(), back.Sigma.ToArray());
    }

    [Fact]
    public void Shared_data_facts_skip_with_a_reason_when_the_folder_is_absent()
    {
        var fact = new SharedFolderFactAttribute("no-such-folder-anywhere");
        Assert.Contains("no-such-folder-anywhere is absent", fact.Skip);
    }

    [Fact]
    public void Real_pattern_round_trips()
    {
        var p = XrdmlReader.Read(ReaderTestFiles.Committed("vendor-formats-nomad-measurements", "XRD-918-16_10.xrdml"));
        string path = Path.Combine(Path.GetTempPath(), $"pdcif-rt-{Guid.NewGuid():N}.cif");
        try
        {
            PdCifWriter.Write(path, p);
            var back = PdCifReader.Read(path);
            Assert.Equal(p.X.ToArray(), back.X.ToArray());
            Assert.Equal(p.Y.ToArray(), back.Y.ToArray());
            Assert.Equal(p.Sigma.ToArray(), back.Sigma.ToArray());
            Assert.Equal(p.Wavelengths.ToArray(), back.Wavelengths.ToArray());
            Assert.Equal(p.WavelengthIntensityRatio, back.WavelengthIntensityRatio);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Energy_dispersive_and_empty_patterns_are_refused()
    {
        var e = new PowderPattern(AxisKind.EnergyKiloElectronVolts, [10.0, 11.0], [1.0, 2.0]);
        Assert.Throws<ArgumentException>(() => PdCifWriter.Write(e));
        var empty = new PowderPattern(AxisKind.TwoThetaDegrees, ImmutableArray<double>.Empty, ImmutableArray<double>.Empty);
        Assert.Throws<ArgumentException>(() => PdCifWriter.Write(empty));
    }
}
