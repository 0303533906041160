using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// A composition measured by chemical analysis (ICP-OES, EDX, …): an amount with standard
/// uncertainty for each element, e.g. Li:Ni:Ru = 1.17(3):0.44(2):0.39(4). The uncertainties are
/// taken as independent. Immutable.
/// </summary>
public sealed class MeasuredComposition : IEquatable<MeasuredComposition>
{
    private readonly KeyValuePair<Element, MeasuredValue>[] _amounts;

    /// <summary>A measured composition from elements and their measured amounts, in the order given.</summary>
    /// <exception cref="ArgumentException">
    /// No elements, an element given twice, or an amount that is negative or not finite, or an
    /// uncertainty that is negative or not finite.
    /// </exception>
    public MeasuredComposition(IEnumerable<KeyValuePair<Element, MeasuredValue>> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        _amounts = amounts.ToArray();
        if (_amounts.Length == 0) throw new ArgumentException("A measured composition needs at least one element.", nameof(amounts));
        var seen = new HashSet<Element>();
        foreach (var (element, value) in _amounts)
        {
            ArgumentNullException.ThrowIfNull(element, nameof(amounts));
            if (!seen.Add(element))
                throw new ArgumentException($"{element} is given twice.", nameof(amounts));
            if (!double.IsFinite(value.Value) || value.Value < 0)
                throw new ArgumentException($"The amount of {element} is {value}; it must be finite and not negative.", nameof(amounts));
            if (!double.IsFinite(value.StandardUncertainty) || value.StandardUncertainty < 0)
                throw new ArgumentException($"The uncertainty of {element} is {value.StandardUncertainty.ToString(CultureInfo.InvariantCulture)}; it must be finite and not negative.", nameof(amounts));
        }
    }

    /// <summary>The measured amount of each element, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<Element, MeasuredValue>> Amounts => _amounts;

    /// <summary>The elements, in the order given.</summary>
    public IEnumerable<Element> Elements => _amounts.Select(p => p.Key);

    /// <summary>
    /// Parses a ratio as papers write it: elements "Li:Ni:Ru" and values "1.17(3):0.44(2):0.39(4)"
    /// in parenthesis notation.
    /// </summary>
    /// <exception cref="FormatException">An element symbol or value does not parse, or the counts differ.</exception>
    public static MeasuredComposition ParseRatio(string elements, string values)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(values);
        string[] symbols = elements.Split(':', StringSplitOptions.TrimEntries);
        string[] numbers = values.Split(':', StringSplitOptions.TrimEntries);
        if (symbols.Length != numbers.Length)
            throw new FormatException($"'{elements}' names {symbols.Length} elements but '{values}' gives {numbers.Length} values.");
        var amounts = new List<KeyValuePair<Element, MeasuredValue>>();
        for (int i = 0; i < symbols.Length; i++)
        {
            if (!Element.TryFromSymbol(symbols[i], out var element))
                throw new FormatException($"'{symbols[i]}' in '{elements}' is not an element symbol.");
            amounts.Add(KeyValuePair.Create(element!, MeasuredValue.Parse(numbers[i])));
        }
        try
        {
            return new MeasuredComposition(amounts);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{elements}' = '{values}': {e.Message}", e);
        }
    }

    /// <summary>The measured amount of an element.</summary>
    /// <exception cref="KeyNotFoundException">The element was not measured.</exception>
    public MeasuredValue Amount(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        foreach (var (e, value) in _amounts)
            if (e.Equals(element)) return value;
        throw new KeyNotFoundException($"{element} was not measured; measured: {string.Join(", ", Elements)}.");
    }

    /// <summary>
    /// Rescales all amounts so that those of the <paramref name="basis"/> elements sum to
    /// <paramref name="total"/> (every element when <paramref name="basis"/> is null) — e.g. a
    /// cation ratio normalised to 2 cations per O2 formula unit. The uncertainties are propagated
    /// to first order from independent inputs: with S = Σ_basis m_j and n_i = T·m_i/S,
    /// ∂n_i/∂m_j = T·(δ_ij/S − [j ∈ basis]·m_i/S²) and σ²(n_i) = Σ_j (∂n_i/∂m_j)²·σ_j². The normalised
    /// amounts are correlated (they sum to T); <see cref="MeasuredValue"/> keeps only the standard
    /// uncertainties.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The total is not positive, a basis element was not measured, or the basis amounts sum to zero.
    /// </exception>
    public MeasuredComposition NormalizeTo(double total, IEnumerable<Element>? basis = null)
    {
        if (!double.IsFinite(total) || total <= 0)
            throw new ArgumentException($"The total {total.ToString(CultureInfo.InvariantCulture)} must be positive.", nameof(total));
        var inBasis = new bool[_amounts.Length];
        if (basis is null)
        {
            Array.Fill(inBasis, true);
        }
        else
        {
            foreach (Element element in basis)
            {
                int index = Array.FindIndex(_amounts, p => p.Key.Equals(element));
                if (index < 0)
                    throw new ArgumentException($"{element} is in the basis but was not measured.", nameof(basis));
                inBasis[index] = true;
            }
        }
        double sum = 0;
        for (int j = 0; j < _amounts.Length; j++)
            if (inBasis[j]) sum += _amounts[j].Value.Value;
        if (sum <= 0)
            throw new ArgumentException("The amounts of the basis elements sum to zero; they cannot be normalised.", nameof(basis));

        var result = new KeyValuePair<Element, MeasuredValue>[_amounts.Length];
        for (int i = 0; i < _amounts.Length; i++)
        {
            double mi = _amounts[i].Value.Value;
            double variance = 0;
            for (int j = 0; j < _amounts.Length; j++)
            {
                double derivative = total * ((i == j ? 1 / sum : 0) - (inBasis[j] ? mi / (sum * sum) : 0));
                double sigma = _amounts[j].Value.StandardUncertainty;
                variance += derivative * derivative * sigma * sigma;
            }
            result[i] = KeyValuePair.Create(_amounts[i].Key, new MeasuredValue(total * mi / sum, Math.Sqrt(variance)));
        }
        return new MeasuredComposition(result);
    }

    /// <summary>Compares with a designed or expected composition; see <see cref="CompositionComparison"/>.</summary>
    public CompositionComparison CompareWith(Composition expected, double coverage = 2) =>
        CompositionComparison.Compare(this, expected, coverage);

    /// <summary>"Li:Ni:Ru = 1.17(3):0.44(2):0.39(4)".</summary>
    public override string ToString() =>
        string.Join(":", Elements) + " = " + string.Join(":", _amounts.Select(p => p.Value.ToString()));

    /// <inheritdoc />
    public bool Equals(MeasuredComposition? other) => other is not null && _amounts.SequenceEqual(other._amounts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MeasuredComposition);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _amounts) hash.Add(p);
        return hash.ToHashCode();
    }
}

/// <summary>How one measured element compares with its expected amount.</summary>
/// <param name="Element">The element.</param>
/// <param name="Measured">The measured amount with its standard uncertainty.</param>
/// <param name="Expected">The expected (designed) amount; 0 when the expected composition lacks the element.</param>
/// <param name="Difference">Measured − expected.</param>
/// <param name="ZScore">The difference in units of the standard uncertainty.</param>
/// <param name="Agrees">True when |difference| ≤ coverage × s.u. (see <see cref="CompositionComparison"/> for the rounding allowance).</param>
public readonly record struct ElementComparison(
    Element Element, MeasuredValue Measured, double Expected, double Difference, double ZScore, bool Agrees);

/// <summary>
/// A measured composition set against an expected one element by element: differences, the
/// differences in units of the standard uncertainty (z = (measured − expected)/s.u.),
/// χ² = Σ z², and whether every element agrees within a coverage factor k (|z| ≤ k, k = 2 or 3
/// by habit). Only the measured elements are compared (oxygen, rarely measured, is left out when
/// not given). Immutable.
/// </summary>
/// <remarks>
/// The agreement test allows a relative 1e-9 on the boundary: the study's Ni, 0.44(2) against
/// 0.4, is exactly 2 s.u. away in decimal, but 0.44 − 0.4 is 0.04000000000000004 in binary
/// floating point, which a strict test would call a disagreement.
/// </remarks>
public sealed class CompositionComparison
{
    private const double BoundaryAllowance = 1e-9;

    private readonly ElementComparison[] _elements;

    private CompositionComparison(ElementComparison[] elements, double coverage)
    {
        _elements = elements;
        Coverage = coverage;
        ChiSquared = elements.Sum(e => e.ZScore * e.ZScore);
    }

    /// <summary>The element-by-element comparison, in the measured composition's order.</summary>
    public IReadOnlyList<ElementComparison> Elements => _elements;

    /// <summary>The coverage factor k of the agreement test.</summary>
    public double Coverage { get; }

    /// <summary>χ² = Σ z² over the compared elements.</summary>
    public double ChiSquared { get; }

    /// <summary>The number of elements compared (the degrees of freedom of χ² when the expected composition is fixed in advance).</summary>
    public int DegreesOfFreedom => _elements.Length;

    /// <summary>χ² divided by the number of elements compared.</summary>
    public double ReducedChiSquared => ChiSquared / _elements.Length;

    /// <summary>True when every element agrees within <see cref="Coverage"/> standard uncertainties.</summary>
    public bool AllAgree => _elements.All(e => e.Agrees);

    /// <summary>The element with the largest |z|.</summary>
    public ElementComparison WorstElement => _elements.MaxBy(e => Math.Abs(e.ZScore));

    /// <summary>The comparison of one element.</summary>
    /// <exception cref="KeyNotFoundException">The element was not compared.</exception>
    public ElementComparison For(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        foreach (var e in _elements)
            if (e.Element.Equals(element)) return e;
        throw new KeyNotFoundException($"{element} was not compared.");
    }

    /// <summary>
    /// Compares <paramref name="measured"/> with <paramref name="expected"/> (amounts summed over
    /// each element's species), judging agreement at <paramref name="coverage"/> standard
    /// uncertainties.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coverage"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A measured element has no standard uncertainty, so no z-score exists.</exception>
    public static CompositionComparison Compare(MeasuredComposition measured, Composition expected, double coverage = 2)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(expected);
        if (!double.IsFinite(coverage) || coverage <= 0)
            throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "The coverage factor must be positive (2 or 3 by habit).");
        var elements = new ElementComparison[measured.Amounts.Count];
        for (int i = 0; i < elements.Length; i++)
        {
            var (element, value) = measured.Amounts[i];
            if (!value.HasUncertainty)
                throw new ArgumentException($"The measured amount of {element}, {value}, has no standard uncertainty; a z-score needs one.", nameof(measured));
            double expectedAmount = expected.Amount(element);
            double difference = value.Value - expectedAmount;
            double z = difference / value.StandardUncertainty;
            bool agrees = Math.Abs(difference) <= coverage * value.StandardUncertainty * (1 + BoundaryAllowance);
            elements[i] = new ElementComparison(element, value, expectedAmount, difference, z, agrees);
        }
        return new CompositionComparison(elements, coverage);
    }

    /// <summary>A small table: element, measured, expected, difference, z, agreement; then χ².</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var e in _elements)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{e.Element,-3} {e.Measured,-12} {e.Expected,-8:0.####} {e.Difference,8:+0.####;-0.####;0} {e.ZScore,6:+0.00;-0.00;0.00}");
            sb.AppendLine(e.Agrees ? "" : $"  beyond {Coverage.ToString(CultureInfo.InvariantCulture)} s.u.");
        }
        sb.Append(CultureInfo.InvariantCulture, $"chi^2 = {ChiSquared:0.###} over {DegreesOfFreedom} elements; ");
        sb.Append(AllAgree ? "all agree" : "not all agree")
          .Append(CultureInfo.InvariantCulture, $" within {Coverage} s.u.");
        return sb.ToString();
    }
}
