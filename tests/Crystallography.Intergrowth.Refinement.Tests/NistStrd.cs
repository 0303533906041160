using System.Globalization;
using Crystallography.Intergrowth.Refinement;
using Crystallography.Intergrowth.TestKit;

namespace Crystallography.Intergrowth.Refinement.Tests;

/// <summary>One NIST StRD nonlinear-regression data set, read from its .dat file.</summary>
internal sealed record NistDataset(
    string Name, string Difficulty, double[] Start1, double[] Start2, double[] Certified, double[] CertifiedStandardDeviation,
    double ResidualSumOfSquares, int DegreesOfFreedom, double[] X, double[] Y)
{
    public static NistDataset Load(string name)
    {
        string path = RepositoryLayout.PathOf("tests", "Crystallography.Intergrowth.Refinement.Tests", "Data", "nist", name + ".dat");
        return Parse(name, File.ReadAllLines(path));
    }

    /// <summary>Reads the layout of NIST's .dat files by keywords (not by line numbers), so the original files parse too.</summary>
    public static NistDataset Parse(string name, string[] lines)
    {
        var s1 = new List<double>(); var s2 = new List<double>(); var c = new List<double>(); var sd = new List<double>();
        var x = new List<double>(); var y = new List<double>();
        double rss = double.NaN; int dof = -1, count = -1; string difficulty = "";
        bool inData = false;
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            string[] t = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (inData)
            {
                if (t.Length == 2) { y.Add(Number(t[0])); x.Add(Number(t[1])); }
                continue;
            }
            if (t.Length >= 6 && t[0].StartsWith('b') && t[1] == "=")
            {
                s1.Add(Number(t[2])); s2.Add(Number(t[3])); c.Add(Number(t[4])); sd.Add(Number(t[5]));
            }
            else if (line.StartsWith("Residual Sum of Squares:", StringComparison.Ordinal)) rss = Number(t[^1]);
            else if (line.StartsWith("Degrees of Freedom:", StringComparison.Ordinal)) dof = int.Parse(t[^1], CultureInfo.InvariantCulture);
            else if (line.StartsWith("Number of Observations:", StringComparison.Ordinal)) count = int.Parse(t[^1], CultureInfo.InvariantCulture);
            else if (line.Contains("Level of Difficulty", StringComparison.Ordinal)) difficulty = t[0];
            else if (t.Length >= 2 && t[0] == "Data:" && t[1] == "y") inData = true;
        }
        // The "Degrees of Freedom" line is not checked against n − p: NIST's Rat43.dat prints 9 where
        // n − p = 15 − 4 = 11 (its certified residual standard deviation, 28.262, is sqrt(RSS/11)).
        if (x.Count != count || c.Count == 0 || double.IsNaN(rss) || dof < 1)
            throw new InvalidDataException($"{name}: {x.Count} data rows for {count} observations, {c.Count} parameters, dof {dof}.");
        return new NistDataset(name, difficulty, [.. s1], [.. s2], [.. c], [.. sd], rss, dof, [.. x], [.. y]);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>A NIST model: writes f(x; b) and ∂f/∂b (analytic, derived by hand in <see cref="NistModels"/>).</summary>
internal delegate double NistModel(double x, ReadOnlySpan<double> b, Span<double> gradient);

/// <summary>The models of the NIST problems used here, each with its analytic gradient.</summary>
internal static class NistModels
{
    public static NistModel For(string name) => name switch
    {
        "Misra1a" or "BoxBOD" => Exponential,
        "Chwirut2" => Chwirut,
        "Lanczos3" => Lanczos,
        "MGH09" => Mgh09,
        "Thurber" => Thurber,
        "Rat43" => Rat43,
        "Eckerle4" => Eckerle4,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No model written for this data set."),
    };

    // y = b1 (1 − e^(−b2 x))
    private static double Exponential(double x, ReadOnlySpan<double> b, Span<double> g)
    {
        double e = Math.Exp(-b[1] * x);
        g[0] = 1 - e;
        g[1] = b[0] * x * e;
        return b[0] * (1 - e);
    }

    // y = e^(−b1 x) / (b2 + b3 x)
    private static double Chwirut(double x, ReadOnlySpan<double> b, Span<double> g)
    {
        double d = b[1] + b[2] * x;
        double f = Math.Exp(-b[0] * x) / d;
        g[0] = -x * f;
        g[1] = -f / d;
        g[2] = -x * f / d;
        return f;
    }

    // y = b1 e^(−b2 x) + b3 e^(−b4 x) + b5 e^(−b6 x)
    private static double Lanczos(double x, ReadOnlySpan<double> b, Span<double> g)
    {
        double f = 0;
        for (int k = 0; k < 6; k += 2)
        {
            double e = Math.Exp(-b[k + 1] * x);
            g[k] = e;
            g[k + 1] = -b[k] * x * e;
            f += b[k] * e;
        }
        return f;
    }

    // y = b1 (x² + x b2) / (x² + x b3 + b4)
    private static double Mgh09(double x, ReadOnlySpan<double> b, Span<double> g)
    {
        double num = x * x + x * b[1];
        double den = x * x + x * b[2] + b[3];
        double f = b[0] * num / den;
        g[0] = num / den;
        g[1] = b[0] * x / den;
        g[2] = -f * x / den;
        g[3] = -f / den;
        return f;
    }

    // y = (b1 + b2 x + b3 x² + b4 x³) / (1 + b5 x + b6 x² + b7 x³)
    private static double Thurber(double x, ReadOnlySpan<double> b, Span<double> g)
    {
        double x2 = x * x, x3 = x2 * x;
        double num = b[0] + b[1] * x + b[2] * x2 + b[3] * x3;
        double den = 1 + b[4] * x + b[5] * x2 + b[6] * x3;
        double f = num / den;
        g[0] = 1 / den; g[1] = x / den; g[2] = x2 / den; g[3] = x3 / den;
        g[4] = -f * x / den; g[5] = -f * x2 / den; g[6] = -f * x3 / den;
        return f;
    }

    // y = b1 / (1 + e^(b2 − b3 x))^(1/b4); with u = 1 + E, E = e^(b2 − b3 x), y = b1 u^(−1/b4)
    private static double Rat43(double x, ReadOnlySpan<double> b, Span<double> g)
    {
        double e = Math.Exp(b[1] - b[2] * x);
        double u = 1 + e;
        double power = Math.Pow(u, -1 / b[3]);
        double f = b[0] * power;
        g[0] = power;
        g[1] = -f / b[3] * e / u;
        g[2] = f / b[3] * e * x / u;
        g[3] = f * Math.Log(u) / (b[3] * b[3]);
        return f;
    }

    // y = (b1/b2) exp(−½ t²), t = (x − b3)/b2
    private static double Eckerle4(double x, ReadOnlySpan<double> b, Span<double> g)
    {
        double t = (x - b[2]) / b[1];
        double gauss = Math.Exp(-0.5 * t * t);
        double f = b[0] / b[1] * gauss;
        g[0] = gauss / b[1];
        g[1] = f * (t * t - 1) / b[1];
        g[2] = f * t / b[1];
        return f;
    }
}

/// <summary>A NIST data set as an <see cref="ILeastSquaresProblem"/> with unit weights: r = y − f, J = ∂f/∂b.</summary>
internal sealed class NistProblem(NistDataset data) : ILeastSquaresProblem
{
    private readonly NistModel _model = NistModels.For(data.Name);
    private readonly double[] _gradient = new double[data.Certified.Length];

    public NistDataset Data { get; } = data;
    public int ObservationCount => Data.X.Length;
    public int ParameterCount => Data.Certified.Length;

    public void Evaluate(ReadOnlySpan<double> parameters, Span<double> weightedResiduals, Span<double> jacobianColumnMajor)
    {
        int n = ObservationCount;
        bool wantJacobian = !jacobianColumnMajor.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            double f = _model(Data.X[i], parameters, _gradient);
            weightedResiduals[i] = Data.Y[i] - f;
            if (wantJacobian)
                for (int j = 0; j < _gradient.Length; j++) jacobianColumnMajor[j * n + i] = _gradient[j];
        }
    }
}
