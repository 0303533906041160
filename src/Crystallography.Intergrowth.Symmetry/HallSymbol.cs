using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Symmetry;

/// <summary>
/// A parsed Hall symbol: the lattice symbol with its centring, the generator matrices and an
/// optional change of basis, from which the whole space group is generated.
/// </summary>
/// <remarks>
/// Notation of S. R. Hall, Acta Cryst. A37 (1981) 517–525, with the explicit definitions of
/// International Tables Vol. B, §1.4, Table A1.4.2.1–7 (R. W. Grosse-Kunstleve): lattice symbol
/// L (− for a centre of symmetry at the origin), up to four matrix symbols N^A_T (rotation order
/// N with − for improper rotations, axis A, translations T) and a change of basis V in parentheses.
/// </remarks>
public sealed class HallSymbol
{
    private HallSymbol(string text, char lattice, bool centrosymmetric,
                       ImmutableArray<SymmetryOperation> generators, ChangeOfBasis changeOfBasis)
    {
        Text = text;
        LatticeSymbol = lattice;
        HasInversionAtOrigin = centrosymmetric;
        Generators = generators;
        ChangeOfBasis = changeOfBasis;
    }

    /// <summary>The symbol as given.</summary>
    public string Text { get; }

    /// <summary>The lattice symbol: P, A, B, C, I, R, S, T or F.</summary>
    public char LatticeSymbol { get; }

    /// <summary>True when the symbol starts with '−': the group has an inversion centre at the origin (before any change of basis).</summary>
    public bool HasInversionAtOrigin { get; }

    /// <summary>The generators the matrix symbols define, in the basis before the change of basis.</summary>
    public ImmutableArray<SymmetryOperation> Generators { get; }

    /// <summary>The change of basis applied after generation (identity when the symbol has none).</summary>
    public ChangeOfBasis ChangeOfBasis { get; }

    /// <summary>Parses a Hall symbol such as "-R 3 2\"", "P 61 2 (0 0 5)", "-F 4vw 2vw 3" or "P 2yb (x,y,-x+z)".</summary>
    /// <exception cref="FormatException">The text does not follow Hall's notation; the message says where.</exception>
    public static HallSymbol Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        ChangeOfBasis changeOfBasis = ChangeOfBasis.Identity;
        int paren = s.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            if (!s.EndsWith(')'))
                throw new FormatException($"Hall symbol '{text}': the change of basis must be closed by ')'.");
            try
            {
                changeOfBasis = ChangeOfBasis.Parse(s[paren..]);
            }
            catch (FormatException e)
            {
                throw new FormatException($"Hall symbol '{text}': {e.Message}", e);
            }
            s = s[..paren].Trim();
        }

        string[] tokens = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            throw new FormatException($"Hall symbol '{text}' is empty.");
        string latticeToken = tokens[0];
        bool centrosymmetric = latticeToken.StartsWith('-');
        if (centrosymmetric) latticeToken = latticeToken[1..];
        if (latticeToken.Length != 1 || "PABCIRSTF".IndexOf(char.ToUpperInvariant(latticeToken[0])) < 0)
            throw new FormatException($"Hall symbol '{text}': '{tokens[0]}' is not a lattice symbol (P, A, B, C, I, R, S, T or F, optionally preceded by '-').");
        char lattice = char.ToUpperInvariant(latticeToken[0]);
        if (tokens.Length > 5)
            throw new FormatException($"Hall symbol '{text}' has {tokens.Length - 1} matrix symbols; at most 4 are allowed.");

        var generators = ImmutableArray.CreateBuilder<SymmetryOperation>();
        if (centrosymmetric) generators.Add(SymmetryOperation.Inversion);
        int previousOrder = 0;
        char previousAxis = 'z';
        for (int i = 1; i < tokens.Length; i++)
        {
            var (op, order, axis) = ParseMatrixSymbol(tokens[i], i, previousOrder, previousAxis, text);
            generators.Add(op);
            previousOrder = order;
            if (axis is 'x' or 'y' or 'z') previousAxis = axis;
        }
        return new HallSymbol(text, lattice, centrosymmetric, generators.ToImmutable(), changeOfBasis);
    }

    /// <summary>Parses like <see cref="Parse"/> and reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, out HallSymbol? symbol)
    {
        symbol = null;
        if (text is null) return false;
        try
        {
            symbol = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The centring translations of the lattice symbol, in twelfths (the zero vector first).</summary>
    public static IReadOnlyList<(int, int, int)> CentringTranslations(char lattice) => char.ToUpperInvariant(lattice) switch
    {
        'P' => [(0, 0, 0)],
        'A' => [(0, 0, 0), (0, 6, 6)],
        'B' => [(0, 0, 0), (6, 0, 6)],
        'C' => [(0, 0, 0), (6, 6, 0)],
        'I' => [(0, 0, 0), (6, 6, 6)],
        'R' => [(0, 0, 0), (8, 4, 4), (4, 8, 8)],
        'S' => [(0, 0, 0), (4, 4, 8), (8, 8, 4)],
        'T' => [(0, 0, 0), (4, 8, 4), (8, 4, 8)],
        'F' => [(0, 0, 0), (0, 6, 6), (6, 0, 6), (6, 6, 0)],
        _ => throw new ArgumentException($"'{lattice}' is not a lattice symbol.", nameof(lattice)),
    };

    /// <summary>
    /// Generates every operation of the group: all products of the generators and centring
    /// translations, translations reduced to [0, 1), then the change of basis applied.
    /// </summary>
    public ImmutableArray<SymmetryOperation> GenerateOperations()
    {
        var centring = CentringTranslations(LatticeSymbol).Select(t => SymmetryOperation.Translation(t.Item1, t.Item2, t.Item3));
        var operations = GroupClosure.Close(Generators.Concat(centring));
        if (ChangeOfBasis.IsIdentity) return operations;
        return GroupClosure.ChangeBasis(operations, ChangeOfBasis, Text);
    }

    private static (SymmetryOperation Op, int Order, char Axis) ParseMatrixSymbol(
        string token, int position, int previousOrder, char previousAxis, string whole)
    {
        int i = 0;
        bool improper = token[0] == '-';
        if (improper) i++;
        if (i >= token.Length || token[i] is not ('1' or '2' or '3' or '4' or '6'))
            throw new FormatException($"Hall symbol '{whole}': matrix symbol '{token}' must start with a rotation order 1, 2, 3, 4 or 6.");
        int order = token[i] - '0';
        i++;
        int screw = 0;
        if (i < token.Length && char.IsDigit(token[i]))
        {
            screw = token[i] - '0';
            if (screw <= 0 || screw >= order)
                throw new FormatException($"Hall symbol '{whole}': '{token}' has a screw component {screw} that a {order}-fold axis cannot have.");
            i++;
        }
        char axis = '\0';
        if (i < token.Length && token[i] is 'x' or 'y' or 'z' or '\'' or '"' or '*')
        {
            axis = token[i];
            i++;
        }
        if (axis == '\0')
        {
            // Default axes (ITB Table A1.4.2.2): the first rotation is along c; a following
            // twofold is along a after a 2 or 4, along a−b after a 3 or 6; a threefold in third
            // place is along a+b+c.
            if (position == 1) axis = 'z';
            else if (position == 2 && order == 2 && previousOrder is 2 or 4) axis = 'x';
            else if (position == 2 && order == 2 && previousOrder is 3 or 6) axis = '\'';
            else if (position == 3 && order == 3) axis = '*';
            else if (order == 1) axis = 'z';
            else
                throw new FormatException($"Hall symbol '{whole}': matrix symbol '{token}' needs an explicit axis.");
        }

        int[] rotation = RotationMatrix(order, axis, previousAxis, whole, token);
        if (improper)
            for (int k = 0; k < 9; k++) rotation[k] = -rotation[k];

        var translation = new int[3];
        if (screw != 0)
        {
            int index = axis switch { 'x' => 0, 'y' => 1, 'z' => 2, _ => -1 };
            if (index < 0)
                throw new FormatException($"Hall symbol '{whole}': screw component in '{token}' needs a principal axis x, y or z.");
            translation[index] += SymmetryOperation.TranslationDenominator * screw / order;
        }
        for (; i < token.Length; i++)
        {
            switch (token[i])
            {
                case 'a': translation[0] += 6; break;
                case 'b': translation[1] += 6; break;
                case 'c': translation[2] += 6; break;
                case 'n': translation[0] += 6; translation[1] += 6; translation[2] += 6; break;
                case 'u': translation[0] += 3; break;
                case 'v': translation[1] += 3; break;
                case 'w': translation[2] += 3; break;
                case 'd': translation[0] += 3; translation[1] += 3; translation[2] += 3; break;
                default:
                    throw new FormatException($"Hall symbol '{whole}': '{token[i]}' in '{token}' is not a translation symbol (a, b, c, n, u, v, w, d).");
            }
        }
        return (new SymmetryOperation(rotation, translation), order, axis);
    }

    // Rotation matrices of ITB Table A1.4.2.4–6, row-major, acting on fractional coordinates.
    private static int[] RotationMatrix(int order, char axis, char previousAxis, string whole, string token)
    {
        if (order == 1) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
        return (order, axis) switch
        {
            (2, 'x') => [1, 0, 0, 0, -1, 0, 0, 0, -1],
            (3, 'x') => [1, 0, 0, 0, 0, -1, 0, 1, -1],
            (4, 'x') => [1, 0, 0, 0, 0, -1, 0, 1, 0],
            (6, 'x') => [1, 0, 0, 0, 1, -1, 0, 1, 0],
            (2, 'y') => [-1, 0, 0, 0, 1, 0, 0, 0, -1],
            (3, 'y') => [-1, 0, 1, 0, 1, 0, -1, 0, 0],
            (4, 'y') => [0, 0, 1, 0, 1, 0, -1, 0, 0],
            (6, 'y') => [0, 0, 1, 0, 1, 0, -1, 0, 1],
            (2, 'z') => [-1, 0, 0, 0, -1, 0, 0, 0, 1],
            (3, 'z') => [0, -1, 0, 1, -1, 0, 0, 0, 1],
            (4, 'z') => [0, -1, 0, 1, 0, 0, 0, 0, 1],
            (6, 'z') => [1, -1, 0, 1, 0, 0, 0, 0, 1],
            // Twofold axes perpendicular to the preceding principal axis: ' along b−c, c−a or a−b,
            // " along b+c, c+a or a+b for a preceding x, y or z axis.
            (2, '\'') => previousAxis switch
            {
                'x' => [-1, 0, 0, 0, 0, -1, 0, -1, 0],
                'y' => [0, 0, -1, 0, -1, 0, -1, 0, 0],
                _ => [0, -1, 0, -1, 0, 0, 0, 0, -1],
            },
            (2, '"') => previousAxis switch
            {
                'x' => [-1, 0, 0, 0, 0, 1, 0, 1, 0],
                'y' => [0, 0, 1, 0, -1, 0, 1, 0, 0],
                _ => [0, 1, 0, 1, 0, 0, 0, 0, -1],
            },
            (3, '*') => [0, 0, 1, 1, 0, 0, 0, 1, 0],
            _ => throw new FormatException($"Hall symbol '{whole}': '{token}' combines a {order}-fold rotation with axis '{axis}', which Hall's notation does not define."),
        };
    }

    /// <summary>The symbol as given.</summary>
    public override string ToString() => Text;
}
