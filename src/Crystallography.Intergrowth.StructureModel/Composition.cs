using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace Crystallography.Intergrowth.StructureModel;

/// <summary>
/// An immutable amount of each of several species — per formula unit, per unit cell, or per any
/// other reference the caller has in mind. The species keep the order in which they were first
/// given (that is the order <see cref="ToString()"/> prints); zero amounts are dropped; a species
/// given twice is summed into its first place.
/// </summary>
/// <remarks>
/// <para>
/// Amounts are doubles. Alongside them a composition may carry the same amounts as exact
/// <see cref="Fraction"/>s (<see cref="IsExact"/>, <see cref="ExactAmounts"/>): a formula parsed
/// from text is exact ("1.2" is 6/5, "7/6" is 7/6), as is one built with <see cref="FromExactAmounts"/> or by the
/// <see cref="CompositionDesigner"/>. Exactness survives <see cref="Scale(Fraction)"/>,
/// <c>+</c> of two exact compositions and <see cref="PerFormulaUnit"/> of two exact ones; any
/// operation with a double (<see cref="Scale(double)"/>, <see cref="FromAmounts"/>)
/// drops it. Equality compares the double amounts.
/// </para>
/// <para>
/// Formulas name elements only, so a parsed composition has neutral species and its
/// <see cref="Charge"/> is null until oxidation states are assigned with <see cref="WithCharges"/>.
/// </para>
/// </remarks>
public sealed class Composition : IEquatable<Composition>
{
    /// <summary>Relative tolerance within which the element ratios of <see cref="FormulaUnitsIn"/> must agree.</summary>
    public const double FormulaUnitTolerance = 1e-6;

    private readonly KeyValuePair<Species, double>[] _amounts;
    private readonly KeyValuePair<Species, Fraction>[]? _exact;
    private readonly ReadOnlyDictionary<Element, double> _elementAmounts;

    private Composition(KeyValuePair<Species, double>[] amounts, KeyValuePair<Species, Fraction>[]? exact)
    {
        _amounts = amounts;
        _exact = exact;
        var byElement = new OrderedDictionary<Element, double>();
        foreach (var (species, amount) in amounts)
        {
            byElement.TryGetValue(species.Element, out double sum);
            byElement[species.Element] = sum + amount;
        }
        _elementAmounts = new ReadOnlyDictionary<Element, double>(byElement);
    }

    /// <summary>The composition with nothing in it.</summary>
    public static Composition Empty { get; } = new([], []);

    /// <summary>The amount of each species, in the order first given; no zero amounts.</summary>
    public IReadOnlyList<KeyValuePair<Species, double>> Amounts => _amounts;

    /// <summary>True when the amounts are also known as exact fractions (see <see cref="ExactAmounts"/>).</summary>
    public bool IsExact => _exact is not null;

    /// <summary>The amounts as exact fractions, in the order of <see cref="Amounts"/>; null when not known exactly.</summary>
    public IReadOnlyList<KeyValuePair<Species, Fraction>>? ExactAmounts => _exact;

    /// <summary>
    /// The amount of each element, summed over its species (Ni2+ and Ni3+ together), in order of first
    /// appearance.
    /// </summary>
    public IReadOnlyDictionary<Element, double> ElementAmounts => _elementAmounts;

    /// <summary>The elements present, in order of first appearance.</summary>
    public IEnumerable<Element> Elements => _elementAmounts.Keys;

    /// <summary>True when nothing is present.</summary>
    public bool IsEmpty => _amounts.Length == 0;

    /// <summary>The amount of an element, summed over its species; 0 when absent.</summary>
    public double Amount(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return _elementAmounts.TryGetValue(element, out double amount) ? amount : 0;
    }

    /// <summary>The amount of one species exactly as given (Ni2+ is not Ni3+ nor neutral Ni); 0 when absent.</summary>
    public double Amount(Species species)
    {
        ArgumentNullException.ThrowIfNull(species);
        foreach (var (s, amount) in _amounts)
            if (s == species) return amount;
        return 0;
    }

    /// <summary>The exact amount of an element, summed over its species; null when the composition is not exact.</summary>
    public Fraction? ExactAmount(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (_exact is null) return null;
        Fraction sum = Fraction.Zero;
        foreach (var (s, amount) in _exact)
            if (s.Element.Equals(element)) sum += amount;
        return sum;
    }

    /// <summary>The molar mass in g/mol: Σ amount × standard atomic weight (<see cref="Element.AtomicWeight"/>).</summary>
    public double MolarMass
    {
        get
        {
            double mass = 0;
            foreach (var (element, amount) in _elementAmounts) mass += amount * element.AtomicWeight;
            return mass;
        }
    }

    /// <summary>
    /// The total charge Σ charge × amount; null when some species has no stated charge. Zero for a
    /// charge-balanced composition (and for <see cref="Empty"/>).
    /// </summary>
    public double? Charge
    {
        get
        {
            double charge = 0;
            foreach (var (species, amount) in _amounts)
            {
                if (species.Charge is not int q) return null;
                charge += q * amount;
            }
            return charge;
        }
    }

    /// <summary>The total charge as an exact fraction; null when not exact or when some species has no charge.</summary>
    public Fraction? ExactCharge
    {
        get
        {
            if (_exact is null) return null;
            Fraction charge = Fraction.Zero;
            foreach (var (species, amount) in _exact)
            {
                if (species.Charge is not int q) return null;
                charge += q * amount;
            }
            return charge;
        }
    }

    /// <summary>A composition from amounts of species (not exact). Repeated species are summed; zeros dropped.</summary>
    /// <exception cref="ArgumentException">An amount is negative, infinite or NaN.</exception>
    public static Composition FromAmounts(IEnumerable<KeyValuePair<Species, double>> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var merged = new OrderedDictionary<Species, double>();
        foreach (var (species, amount) in amounts)
        {
            ArgumentNullException.ThrowIfNull(species, nameof(amounts));
            if (!double.IsFinite(amount) || amount < 0)
                throw new ArgumentException($"The amount of {species} is {amount.ToString(CultureInfo.InvariantCulture)}; amounts must be finite and not negative.", nameof(amounts));
            merged.TryGetValue(species, out double sum);
            merged[species] = sum + amount;
        }
        var list = merged.Where(p => p.Value != 0).ToArray();
        return new Composition(list, null);
    }

    /// <summary>An exact composition from fractional amounts of species. Repeated species are summed; zeros dropped.</summary>
    /// <exception cref="ArgumentException">An amount is negative.</exception>
    public static Composition FromExactAmounts(IEnumerable<KeyValuePair<Species, Fraction>> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var merged = new OrderedDictionary<Species, Fraction>();
        foreach (var (species, amount) in amounts)
        {
            ArgumentNullException.ThrowIfNull(species, nameof(amounts));
            if (amount.Sign < 0)
                throw new ArgumentException($"The amount of {species} is {amount}; amounts must not be negative.", nameof(amounts));
            merged.TryGetValue(species, out Fraction sum);
            merged[species] = sum + amount;
        }
        return FromExact(merged.Where(p => !p.Value.IsZero).ToArray());
    }

    /// <summary>
    /// Parses a chemical formula of element symbols and amounts: "LiCoO2", "Li1.2Ni0.4Ru0.4O2",
    /// "Li7/6Ni4/9Ru7/18O2", "Li2MnO3", "(Li0.5Ni0.5)O", "Li1.2(Ni0.4Ru0.4)O2", "Ca3(PO4)2". Amounts
    /// are whole numbers, decimals or fractions and are kept exactly; a missing amount is 1; groups
    /// in parentheses (or brackets) may nest and take a multiplier; white space between parts is
    /// ignored. Formulas carry no charges: every species is neutral.
    /// </summary>
    /// <exception cref="FormulaFormatException">
    /// The formula does not parse; the message names the offending token and its position.
    /// </exception>
    public static Composition Parse(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var parser = new FormulaParser(formula);
        return parser.ParseAll();
    }

    /// <summary>Parses like <see cref="Parse"/> and reports failure instead of throwing.</summary>
    public static bool TryParse(string? formula, out Composition? composition)
    {
        composition = null;
        if (formula is null) return false;
        try
        {
            composition = Parse(formula);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Gives species their oxidation states: every species of an element named in
    /// <paramref name="charged"/> is replaced by that charged species ("Ni" → "Ni2+"); other species
    /// are kept. Exactness is kept.
    /// </summary>
    /// <exception cref="ArgumentException">Two of the given species belong to the same element.</exception>
    public Composition WithCharges(params IEnumerable<Species> charged)
    {
        ArgumentNullException.ThrowIfNull(charged);
        var byElement = new Dictionary<Element, Species>();
        foreach (var s in charged)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(charged));
            if (!byElement.TryAdd(s.Element, s))
                throw new ArgumentException($"{byElement[s.Element]} and {s} are both given for {s.Element}; give one species per element.", nameof(charged));
        }
        Species Map(Species s) => byElement.TryGetValue(s.Element, out var c) ? c : s;
        if (_exact is not null)
            return FromExactAmounts(_exact.Select(p => KeyValuePair.Create(Map(p.Key), p.Value)));
        return FromAmounts(_amounts.Select(p => KeyValuePair.Create(Map(p.Key), p.Value)));
    }

    /// <summary>Every amount multiplied by <paramref name="factor"/> (the result is not exact).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative, infinite or NaN.</exception>
    public Composition Scale(double factor)
    {
        if (!double.IsFinite(factor) || factor < 0)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A composition can only be scaled by a finite factor that is not negative.");
        return FromAmounts(_amounts.Select(p => KeyValuePair.Create(p.Key, p.Value * factor)));
    }

    /// <summary>Every amount multiplied by an exact factor; exact when this composition is.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative.</exception>
    public Composition Scale(Fraction factor)
    {
        if (factor.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A composition cannot be scaled by a negative factor.");
        if (_exact is null) return Scale(factor.ToDouble());
        return FromExactAmounts(_exact.Select(p => KeyValuePair.Create(p.Key, p.Value * factor)));
    }

    /// <summary>The sum of two compositions, species by species (exact when both are).</summary>
    public static Composition operator +(Composition left, Composition right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left._exact is not null && right._exact is not null)
            return FromExactAmounts(left._exact.Concat(right._exact));
        return FromAmounts(left._amounts.Concat(right._amounts));
    }

    /// <summary>The sum of two compositions (see <c>operator +</c>).</summary>
    public Composition Add(Composition other) => this + other;

    /// <summary>
    /// How many formula units of <paramref name="formulaUnit"/> this composition holds, judged by
    /// the formula unit's elements only: a cell content Li3.6Ni1.2Ru1.2O6 holds 3 units of "O2"
    /// (judged by O) and 3 of "Li1.2Ni0.4Ru0.4O2" (judged by all four elements). The ratio is taken
    /// from the formula unit's first element; every other element of the formula unit must give the
    /// same ratio within a relative <see cref="FormulaUnitTolerance"/>. Species charges are
    /// ignored: elements are compared.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The formula unit is empty, this composition lacks its first element, or an element gives a
    /// different ratio (the message names the element and both ratios).
    /// </exception>
    public double FormulaUnitsIn(Composition formulaUnit)
    {
        ArgumentNullException.ThrowIfNull(formulaUnit);
        if (formulaUnit.IsEmpty)
            throw new ArgumentException("The formula unit is empty.", nameof(formulaUnit));
        Element? first = null;
        double ratio = 0;
        foreach (var (element, perUnit) in formulaUnit._elementAmounts)
        {
            double here = Amount(element) / perUnit;
            if (first is null)
            {
                if (here == 0)
                    throw new ArgumentException($"{this} contains no {element}, so it holds no formula units of {formulaUnit}.", nameof(formulaUnit));
                first = element;
                ratio = here;
                continue;
            }
            if (Math.Abs(here - ratio) > FormulaUnitTolerance * Math.Abs(ratio))
                throw new ArgumentException(
                    $"{this} is not a whole number of formula units of {formulaUnit}: by {first} it holds "
                    + $"{ratio.ToString("G10", CultureInfo.InvariantCulture)} units, by {element} "
                    + $"{here.ToString("G10", CultureInfo.InvariantCulture)}.",
                    nameof(formulaUnit));
        }
        return ratio;
    }

    /// <summary>
    /// This composition per formula unit: <c>Scale(1 / FormulaUnitsIn(formulaUnit))</c>, computed
    /// exactly when both compositions are exact.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="FormulaUnitsIn"/>.</exception>
    public Composition PerFormulaUnit(Composition formulaUnit)
    {
        double units = FormulaUnitsIn(formulaUnit);
        if (_exact is not null && formulaUnit._exact is not null)
        {
            Element first = formulaUnit._elementAmounts.Keys.First();
            Fraction exactUnits = ExactAmount(first)!.Value / formulaUnit.ExactAmount(first)!.Value;
            return Scale(exactUnits.Reciprocal());
        }
        return Scale(1 / units);
    }

    /// <summary>
    /// The formula by element in the order given, amounts of 1 omitted and others written with up
    /// to <paramref name="decimals"/> decimals, trailing zeros trimmed: "Li1.2Ni0.4Ru0.4O2".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is outside 0..15.</exception>
    public string ToString(int decimals) => Write(_elementAmounts.Select(p => (p.Key, p.Value)), decimals);

    /// <summary>The formula by element in the order given, up to 4 decimals: "Li1.2Ni0.4Ru0.4O2".</summary>
    public override string ToString() => ToString(4);

    /// <summary>
    /// The formula in Hill order (C, then H, then the rest alphabetically; without C, all
    /// alphabetically), up to <paramref name="decimals"/> decimals: "Li1.2Ni0.4O2Ru0.4".
    /// </summary>
    public string ToHillFormula(int decimals = 4)
    {
        bool hasCarbon = _elementAmounts.Keys.Any(e => e.Symbol == "C");
        int Rank(Element e) => !hasCarbon ? 2 : e.Symbol == "C" ? 0 : e.Symbol == "H" ? 1 : 2;
        var ordered = _elementAmounts
            .OrderBy(p => Rank(p.Key))
            .ThenBy(p => p.Key.Symbol, StringComparer.Ordinal)
            .Select(p => (p.Key, p.Value));
        return Write(ordered, decimals);
    }

    /// <summary>
    /// The formula by element with exact fractional amounts, as the study writes designed
    /// compositions: "Li7/6Ni4/9Ru7/18O2".
    /// </summary>
    /// <exception cref="InvalidOperationException">The composition is not exact.</exception>
    public string ToFractionString()
    {
        if (_exact is null)
            throw new InvalidOperationException($"{this} is not known exactly; only exact compositions are written with fractions.");
        var sb = new StringBuilder();
        foreach (Element element in _elementAmounts.Keys)
        {
            Fraction amount = ExactAmount(element)!.Value;
            sb.Append(element.Symbol);
            if (amount != Fraction.One) sb.Append(amount.ToString());
        }
        return sb.ToString();
    }

    /// <summary>
    /// True when both hold the same species with amounts equal within <paramref name="tolerance"/>
    /// (absolute), regardless of order.
    /// </summary>
    public bool ApproximatelyEquals(Composition? other, double tolerance)
    {
        if (other is null) return false;
        foreach (var (species, amount) in _amounts)
            if (Math.Abs(other.Amount(species) - amount) > tolerance) return false;
        foreach (var (species, amount) in other._amounts)
            if (Math.Abs(Amount(species) - amount) > tolerance) return false;
        return true;
    }

    /// <summary>True when both hold the same species in exactly the same amounts, regardless of order.</summary>
    public bool Equals(Composition? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._amounts.Length != _amounts.Length) return false;
        foreach (var (species, amount) in _amounts)
            if (other.Amount(species) != amount) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Composition);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Order-independent: the species were merged, so each appears once.
        int hash = 0;
        foreach (var (species, amount) in _amounts) hash ^= HashCode.Combine(species, amount);
        return hash;
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Composition? left, Composition? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Composition? left, Composition? right) => !(left == right);

    private static Composition FromExact(KeyValuePair<Species, Fraction>[] exact) =>
        new(exact.Select(p => KeyValuePair.Create(p.Key, p.Value.ToDouble())).ToArray(), exact);

    private static string Write(IEnumerable<(Element Element, double Amount)> amounts, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 15);
        string format = decimals == 0 ? "0" : "0." + new string('#', decimals);
        var sb = new StringBuilder();
        foreach (var (element, amount) in amounts)
        {
            sb.Append(element.Symbol);
            string text = Math.Round(amount, decimals).ToString(format, CultureInfo.InvariantCulture);
            if (text != "1") sb.Append(text);
        }
        return sb.ToString();
    }

    /// <summary>Recursive-descent parser of formulas; positions in messages are 0-based.</summary>
    private sealed class FormulaParser(string formula)
    {
        private int _position;

        public Composition ParseAll()
        {
            var terms = ParseSequence(depth: 0);
            if (_position < formula.Length)
                throw Error(formula[_position].ToString(), _position, "a closing parenthesis without an opening one");
            if (terms.Count == 0)
                throw new FormulaFormatException(formula, formula, 0, $"'{formula}' is not a chemical formula: it names no element.");
            bool exact = terms.All(t => t.Exact is not null);
            if (exact) return FromExactAmounts(terms.Select(t => KeyValuePair.Create((Species)t.Element, t.Exact!.Value)));
            return FromAmounts(terms.Select(t => KeyValuePair.Create((Species)t.Element, t.Amount)));
        }

        private List<Term> ParseSequence(int depth)
        {
            var terms = new List<Term>();
            while (true)
            {
                SkipWhiteSpace();
                if (_position >= formula.Length) return terms;
                char c = formula[_position];
                if (c is ')' or ']') return terms;
                if (c is '(' or '[')
                {
                    int open = _position;
                    char close = c == '(' ? ')' : ']';
                    _position++;
                    var inner = ParseSequence(depth + 1);
                    SkipWhiteSpace();
                    if (_position >= formula.Length || formula[_position] != close)
                        throw Error(c.ToString(), open, $"an opening '{c}' that is never closed by '{close}'");
                    if (inner.Count == 0)
                        throw Error(formula[open..(_position + 1)], open, "an empty group");
                    _position++;
                    var (multiplier, exact) = ParseAmount();
                    foreach (var t in inner)
                        terms.Add(new Term(t.Element, t.Amount * multiplier, t.Exact is { } e && exact is { } m ? e * m : null));
                    continue;
                }
                if (char.IsAsciiLetterUpper(c))
                {
                    int start = _position;
                    _position++;
                    if (_position < formula.Length && char.IsAsciiLetterLower(formula[_position])) _position++;
                    string symbol = formula[start.._position];
                    if (!Element.TryFromSymbol(symbol, out var element))
                        throw Error(symbol, start, "not an element symbol");
                    var (amount, exact) = ParseAmount();
                    terms.Add(new Term(element!, amount, exact));
                    continue;
                }
                // Anything else: take the run of characters up to the next letter, bracket or space as the token.
                int tokenStart = _position;
                int end = _position + 1;
                while (end < formula.Length && !char.IsAsciiLetterUpper(formula[end]) && formula[end] is not ('(' or ')' or '[' or ']') && !char.IsWhiteSpace(formula[end])) end++;
                string token = formula[tokenStart..end];
                string why = char.IsAsciiDigit(c) || c == '.' || c == '/'
                    ? "an amount that follows no element or group"
                    : char.IsAsciiLetterLower(c)
                        ? "not an element symbol (symbols start with a capital letter)"
                        : "not part of a formula (formulas name elements only, without charges)";
                throw Error(token, tokenStart, why);
            }
        }

        private (double Amount, Fraction? Exact) ParseAmount()
        {
            int start = _position;
            while (_position < formula.Length && (char.IsAsciiDigit(formula[_position]) || formula[_position] is '.' or '/'))
                _position++;
            if (_position == start) return (1, Fraction.One);
            string text = formula[start.._position];
            try
            {
                Fraction exact = Fraction.Parse(text);
                return (exact.ToDouble(), exact);
            }
            catch (FormatException)
            {
                throw Error(text, start, "not an amount such as 2, 1.2 or 7/6");
            }
            catch (OverflowException)
            {
                // Too many digits for an exact fraction: keep the double and give up exactness.
                int slash = text.IndexOf('/', StringComparison.Ordinal);
                double value = slash < 0
                    ? double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
                    : double.Parse(text[..slash], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
                      / double.Parse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
                return (value, null);
            }
        }

        private void SkipWhiteSpace()
        {
            while (_position < formula.Length && char.IsWhiteSpace(formula[_position])) _position++;
        }

        private FormulaFormatException Error(string token, int position, string why) =>
            new(formula, token, position,
                $"Formula '{formula}': '{token}' at position {position.ToString(CultureInfo.InvariantCulture)} is {why}.");

        private readonly record struct Term(Element Element, double Amount, Fraction? Exact);
    }
}

/// <summary>A chemical formula that does not parse; names the formula, the offending token and its 0-based position.</summary>
public sealed class FormulaFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public FormulaFormatException(string formula, string token, int position, string message)
        : base(message)
    {
        Formula = formula;
        Token = token;
        Position = position;
    }

    /// <summary>The whole formula.</summary>
    public string Formula { get; }

    /// <summary>The token that could not be read.</summary>
    public string Token { get; }

    /// <summary>The token's 0-based position in <see cref="Formula"/>.</summary>
    public int Position { get; }
}
