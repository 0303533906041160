using System.Globalization;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// Reads the text form of a <see cref="LinearConstraint"/>:
/// <c>7*layered/Li1/occ[Li] + 6*rocksalt/M1/occ[Li] = 7*1.0 + 6*0.6</c>.
/// </summary>
/// <remarks>
/// Grammar (whitespace is free between tokens):
/// <code>
/// constraint := side '=' side
/// side       := [sign] term (sign term)*
/// term       := factor ('*' factor)*          at most one factor is a parameter
/// factor     := number | number '/' number | parameter | 'Δ' parameter | 'd(' parameter ')'
/// </code>
/// Numbers are invariant-culture decimals with an optional exponent (1.5, 0.25, 1E-05); a
/// fraction such as 7/6 is one factor. Terms may stand on both sides; they are moved to the left
/// and the numbers to the right. A change Δp (or d(p)) stands for p − p(current) and needs the
/// current values. Parameter names cannot hold whitespace or '+', '-', '*', '=' (see
/// <see cref="ParameterId"/>), so those characters always separate tokens.
/// </remarks>
internal static class ConstraintParser
{
    private enum TokenKind { Word, Plus, Minus, Times, Equals, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Column);

    public static LinearConstraint Parse(string text, IReadOnlyDictionary<ParameterId, double>? currentValues, string? description)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        int position = 0;
        var terms = new List<ConstraintTerm>();
        double constant = 0; // Σ (numbers moved to the right-hand side)

        ParseSide(+1);
        var equals = tokens[position];
        if (equals.Kind != TokenKind.Equals)
            throw Error(equals, equals.Kind == TokenKind.End ? "expected '=' and a right-hand side" : "expected '+', '-', '*' or '='");
        position++;
        ParseSide(-1);
        var end = tokens[position];
        if (end.Kind != TokenKind.End)
            throw Error(end, end.Kind == TokenKind.Equals ? "a constraint has one '='" : "expected '+', '-', '*' or the end of the constraint");

        try
        {
            return new LinearConstraint(terms, constant, description);
        }
        catch (ArgumentException e)
        {
            throw new ConstraintFormatException(text, 1, text.Trim(), e.Message);
        }

        // side sign: +1 on the left of '=', −1 on the right (its terms change sign when moved left).
        void ParseSide(int side)
        {
            bool first = true;
            while (true)
            {
                var t = tokens[position];
                double sign = 1;
                if (t.Kind is TokenKind.Plus or TokenKind.Minus)
                {
                    sign = t.Kind == TokenKind.Minus ? -1 : 1;
                    position++;
                }
                else if (!first)
                {
                    return;
                }
                ParseTerm(side * sign);
                first = false;
            }
        }

        void ParseTerm(double sign)
        {
            double coefficient = sign;
            ParameterId? parameter = null;
            bool change = false;
            Token? parameterToken = null;
            while (true)
            {
                var t = tokens[position];
                if (t.Kind != TokenKind.Word)
                    throw Error(t, position == 0 ? "expected a number or a parameter" : $"expected a number or a parameter after '{tokens[position - 1].Text}'");
                position++;
                if (TryNumber(t, out double value))
                {
                    coefficient *= value;
                }
                else
                {
                    if (parameter is not null)
                        throw Error(t, $"a term holds at most one parameter (the constraint is linear); {parameterToken!.Value.Text} stands in the same term");
                    (parameter, change) = ReadParameter(t);
                    parameterToken = t;
                }
                if (tokens[position].Kind != TokenKind.Times) break;
                position++;
            }

            if (parameter is null)
            {
                constant -= coefficient;
                return;
            }
            terms.Add(new ConstraintTerm(parameter, coefficient));
            if (change)
            {
                if (currentValues is null)
                    throw Error(parameterToken!.Value, "a change (Δ) is relative to the current values; parse with LinearConstraint.Parse(text, currentValues)");
                if (!currentValues.TryGetValue(parameter, out double current))
                    throw Error(parameterToken!.Value, $"the current values hold no value for {parameter}");
                constant += coefficient * current;
            }
        }

        (ParameterId Parameter, bool Change) ReadParameter(Token t)
        {
            string s = t.Text;
            bool change = false;
            if (s.StartsWith('Δ') || s.StartsWith('∆'))
            {
                s = s[1..];
                change = true;
            }
            else if (s.StartsWith("d(", StringComparison.Ordinal))
            {
                if (!s.EndsWith(')'))
                    throw Error(t, "a change written d( must close with ')', as in d(layered/Li1/occ[Li])");
                s = s[2..^1];
                change = true;
            }
            if (s.Contains('/') && LooksNumeric(s.Split('/')[0]) && LooksNumeric(s.Split('/')[^1]))
                throw Error(t, "not a number or fraction (a fraction is two numbers around '/', e.g. 7/6)");
            try
            {
                return (ParameterId.Parse(s), change);
            }
            catch (FormatException e)
            {
                throw Error(t, LooksNumeric(s) ? "not a number" : e.Message);
            }
        }

        bool TryNumber(Token t, out double value)
        {
            string s = t.Text;
            int slash = s.IndexOf('/');
            if (slash < 0)
                return TryDecimal(t, s, out value);
            value = 0;
            if (slash != s.LastIndexOf('/')) return false;
            if (!TryDecimal(t, s[..slash], out double numerator) || !TryDecimal(t, s[(slash + 1)..], out double denominator))
                return false;
            if (denominator == 0) throw Error(t, "division by zero");
            value = numerator / denominator;
            return true;
        }

        bool TryDecimal(Token t, string s, out double value)
        {
            value = 0;
            if (!LooksNumeric(s)) return false;
            if (!double.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
                throw Error(t, "not a number");
            if (!double.IsFinite(value)) throw Error(t, "the number is not finite");
            return true;
        }

        ConstraintFormatException Error(Token t, string reason) => new(text, t.Column, t.Text, reason);
    }

    /// <summary>Starts like a number: a digit, or a point followed by a digit.</summary>
    private static bool LooksNumeric(string s) =>
        s.Length > 0 && (char.IsAsciiDigit(s[0]) || (s[0] == '.' && s.Length > 1 && char.IsAsciiDigit(s[1])));

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                i++;
                continue;
            }
            var kind = ch switch
            {
                '+' => TokenKind.Plus, '-' or '−' => TokenKind.Minus, '*' or '·' or '×' => TokenKind.Times, '=' => TokenKind.Equals,
                _ => TokenKind.Word,
            };
            if (kind != TokenKind.Word)
            {
                tokens.Add(new Token(kind, ch.ToString(), i + 1));
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && !IsSeparator(text[i]))
            {
                i++;
                // An exponent's sign belongs to its number: 1E-05, 2.5e+3.
                if (i + 1 < text.Length && text[i] is '+' or '-' && char.IsAsciiDigit(text[i + 1]) && EndsWithMantissaAndE(text.AsSpan(start, i - start)))
                    i++;
            }
            tokens.Add(new Token(TokenKind.Word, text[start..i], start + 1));
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private static bool IsSeparator(char ch) => char.IsWhiteSpace(ch) || ch is '+' or '-' or '−' or '*' or '·' or '×' or '=';

    /// <summary>True for "1E", "2.5e", "7/1e": the last number segment so far is digits and a point, then e/E.</summary>
    private static bool EndsWithMantissaAndE(ReadOnlySpan<char> word)
    {
        int slash = word.LastIndexOf('/');
        var segment = slash >= 0 ? word[(slash + 1)..] : word;
        if (segment.Length < 2 || segment[^1] is not ('e' or 'E')) return false;
        bool digit = false;
        foreach (char c in segment[..^1])
        {
            if (char.IsAsciiDigit(c)) digit = true;
            else if (c != '.') return false;
        }
        return digit;
    }
}
