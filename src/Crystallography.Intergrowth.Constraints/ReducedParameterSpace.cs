using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Simd = System.Numerics;

namespace Crystallography.Intergrowth.Constraints;

/// <summary>
/// The refined parameters p of a <see cref="ConstraintSet"/> written through independent variables
/// v: p = p₀ + T·v, so that every linear constraint holds for any v. A least-squares step is taken
/// on v; the Jacobian follows by the chain rule J_v = J_p·T and the covariance of every parameter,
/// constrained ones included, by Σ_p = T·Σ_v·Tᵀ.
/// </summary>
/// <remarks>
/// <para>
/// Construction (<see cref="Create(ConstraintSet, IEnumerable{ParameterId}, IReadOnlyDictionary{ParameterId, double})"/>):
/// parameters that are not varied (not refined, or held) enter the constraints at their current
/// values and move to the right-hand side. The varied parameters fall into independent blocks
/// linked by constraints; parameters in no constraint get a column of the identity. In each block
/// the rows are scaled to unit length and taken in order: a row whose addition leaves the smallest
/// singular value at or below <see cref="RankTolerance"/> × the largest is dependent on the rows
/// before it — redundant when its constant agrees with the same combination of theirs (within
/// <see cref="ConsistencyTolerance"/>, relative), in conflict otherwise. The kept rows A (full row
/// rank) are factorised by a singular value decomposition (MathNet.Numerics); the right singular
/// vectors of the zero singular values span the null space and form T's block, orthonormal.
/// </para>
/// <para>
/// p₀ is the current values when they satisfy the constraints, otherwise their least-norm
/// correction p₀ = p − A⁺(A·p − b) (Euclidean in the parameters' own units); the violation is
/// reported. Because T has orthonormal columns, v = Tᵀ(p − p₀) recovers v exactly for any p on
/// the constraints, and v = 0 is the starting point.
/// </para>
/// <para>
/// Tolerances: the coefficients come from decimal text and from products of fractions, exact to
/// about 1e-15 relative; rows independent only below <see cref="RankTolerance"/> = 1e-10 would give
/// a T that amplifies rounding by 1e10 and are treated as dependent. The starting values and
/// constants carry refined numbers rounded to about 1e-12; <see cref="ConsistencyTolerance"/> = 1e-9
/// separates rounding from a real disagreement.
/// </para>
/// </remarks>
public sealed class ReducedParameterSpace
{
    /// <summary>Rows whose smallest singular value, relative to the largest, is at or below this are dependent.</summary>
    public const double RankTolerance = 1e-10;

    /// <summary>Relative disagreement below which a dependent constraint is redundant, and a starting value satisfies a constraint.</summary>
    public const double ConsistencyTolerance = 1e-9;

    // T in compressed sparse columns (per variable) and rows (per parameter); both hold the same entries.
    private readonly int[] _columnStart;
    private readonly int[] _columnRow;
    private readonly double[] _columnValue;
    private readonly int[] _rowStart;
    private readonly int[] _rowColumn;
    private readonly double[] _rowValue;
    private readonly double[] _origin;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly Dictionary<ParameterId, int> _index;

    private ReducedParameterSpace(ConstraintSet set, ImmutableArray<ParameterId> parameters, double[] origin,
                                  List<List<(int Row, double Value)>> columns, ImmutableArray<LinearConstraint> kept,
                                  ReductionReport report, ImmutableDictionary<ParameterId, double> currentValues)
    {
        ConstraintSet = set;
        Parameters = parameters;
        _origin = origin;
        KeptConstraints = kept;
        Report = report;
        CurrentValues = currentValues;
        _index = new Dictionary<ParameterId, int>(parameters.Length);
        for (int i = 0; i < parameters.Length; i++) _index[parameters[i]] = i;

        int nnz = columns.Sum(c => c.Count);
        _columnStart = new int[columns.Count + 1];
        _columnRow = new int[nnz];
        _columnValue = new double[nnz];
        var rowCount = new int[parameters.Length];
        int k = 0;
        for (int j = 0; j < columns.Count; j++)
        {
            _columnStart[j] = k;
            foreach (var (row, value) in columns[j])
            {
                _columnRow[k] = row;
                _columnValue[k] = value;
                rowCount[row]++;
                k++;
            }
        }
        _columnStart[columns.Count] = k;

        _rowStart = new int[parameters.Length + 1];
        for (int i = 0; i < parameters.Length; i++) _rowStart[i + 1] = _rowStart[i] + rowCount[i];
        _rowColumn = new int[nnz];
        _rowValue = new double[nnz];
        var fill = (int[])_rowStart.Clone();
        for (int j = 0; j < columns.Count; j++)
            for (int e = _columnStart[j]; e < _columnStart[j + 1]; e++)
            {
                int at = fill[_columnRow[e]]++;
                _rowColumn[at] = j;
                _rowValue[at] = _columnValue[e];
            }

        _lower = new double[parameters.Length];
        _upper = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var b = set.BoundsOf(parameters[i]);
            _lower[i] = b.Lower;
            _upper[i] = b.Upper;
        }
    }

    /// <summary>The constraint set reduced.</summary>
    public ConstraintSet ConstraintSet { get; }

    /// <summary>The varied parameters p — refined and not held — in the order the set lists them; the columns of J_p.</summary>
    public ImmutableArray<ParameterId> Parameters { get; }

    /// <summary>The number of varied parameters.</summary>
    public int ParameterCount => Parameters.Length;

    /// <summary>The number of independent variables v: <see cref="ParameterCount"/> − the rank of the constraints.</summary>
    public int VariableCount => _columnStart.Length - 1;

    /// <summary>p₀: the starting values, projected onto the constraints when they broke them.</summary>
    public ReadOnlySpan<double> Origin => _origin;

    /// <summary>The constraints kept (active and independent), in the order given.</summary>
    public ImmutableArray<LinearConstraint> KeptConstraints { get; }

    /// <summary>What the reduction found: redundant constraints, unrefined parameters, violated starting values…</summary>
    public ReductionReport Report { get; }

    /// <summary>The current values the space was built at (every parameter given, varied or not).</summary>
    public ImmutableDictionary<ParameterId, double> CurrentValues { get; }

    /// <summary>The bounds of varied parameter i.</summary>
    public ParameterBounds BoundsOf(int parameterIndex) => new(_lower[parameterIndex], _upper[parameterIndex]);

    /// <summary>The position of a varied parameter in <see cref="Parameters"/>, or −1.</summary>
    public int IndexOf(ParameterId parameter) => _index.TryGetValue(parameter, out int i) ? i : -1;

    /// <summary>Builds the space for the set's own refined parameters (<see cref="ConstraintSet.Refined"/>).</summary>
    /// <exception cref="InconsistentConstraintsException">Constraints in conflict.</exception>
    /// <exception cref="ArgumentException">A parameter that is varied or that a constraint mentions has no current value, or a value is not finite.</exception>
    public static ReducedParameterSpace Create(ConstraintSet constraintSet, IReadOnlyDictionary<ParameterId, double> currentValues)
    {
        ArgumentNullException.ThrowIfNull(constraintSet);
        return Create(constraintSet, constraintSet.Refined, currentValues);
    }

    /// <summary>
    /// Builds the affine map p = p₀ + T·v for the given refined parameters (held ones removed) under
    /// the set's constraints, at the current values.
    /// </summary>
    /// <param name="constraintSet">Constraints, holds and bounds.</param>
    /// <param name="refinedParameters">The parameters to refine (the set's own list is ignored).</param>
    /// <param name="currentValues">The current value of every refined parameter and of every parameter a constraint mentions.</param>
    /// <exception cref="InconsistentConstraintsException">
    /// Constraints that no values satisfy together, or a constraint with no refined parameter that
    /// the current values break; the message names each equation and the disagreement.
    /// </exception>
    /// <exception cref="ArgumentException">A needed value is missing or not finite.</exception>
    public static ReducedParameterSpace Create(ConstraintSet constraintSet, IEnumerable<ParameterId> refinedParameters,
                                               IReadOnlyDictionary<ParameterId, double> currentValues)
    {
        ArgumentNullException.ThrowIfNull(constraintSet);
        ArgumentNullException.ThrowIfNull(refinedParameters);
        ArgumentNullException.ThrowIfNull(currentValues);
        var values = currentValues.ToImmutableDictionary();
        var diagnostics = new List<ConstraintDiagnostic>();

        var refined = refinedParameters.Distinct().ToList();
        foreach (var p in refined.Where(constraintSet.IsHeld))
            diagnostics.Add(new(ConstraintDiagnosticKind.Held, $"{p} is listed as refined but held at {Format(ValueOf(values, p, "held parameter"))}.", null, [p], 0));
        var parameters = refined.Where(p => !constraintSet.IsHeld(p)).ToImmutableArray();
        var index = new Dictionary<ParameterId, int>();
        for (int i = 0; i < parameters.Length; i++) index[parameters[i]] = i;
        int n = parameters.Length;
        var current = new double[n];
        for (int i = 0; i < n; i++) current[i] = ValueOf(values, parameters[i], "refined parameter");

        // Rows on the varied parameters: Σ a·p(varied) = b, b = c − Σ c·p(fixed).
        var rows = new List<Row>();
        var conflicts = new List<(List<LinearConstraint> Group, string Text)>();
        foreach (var c in constraintSet.Constraints)
        {
            var varied = new List<(int Index, double Coefficient)>();
            var fixedParameters = new List<ParameterId>();
            double b = c.Constant, scale = Math.Abs(c.Constant), largest = 0;
            foreach (var t in c.Terms)
            {
                double v = ValueOf(values, t.Parameter, $"parameter of the constraint {c}");
                scale += Math.Abs(t.Coefficient * v);
                largest = Math.Max(largest, Math.Abs(t.Coefficient));
                if (index.TryGetValue(t.Parameter, out int i)) varied.Add((i, t.Coefficient));
                else
                {
                    fixedParameters.Add(t.Parameter);
                    b -= t.Coefficient * v;
                }
            }
            double residual = c.Residual(values);
            double tolerance = ConsistencyTolerance * Math.Max(scale, largest);
            if (varied.Count == 0)
            {
                if (Math.Abs(residual) <= tolerance)
                    diagnostics.Add(new(ConstraintDiagnosticKind.Inactive,
                        $"{Show(c)} mentions no refined parameter ({string.Join(", ", fixedParameters)} are fixed); it holds at the current values and is set aside.",
                        c, [.. fixedParameters], residual));
                else
                    conflicts.Add(([c], $"{Show(c)} mentions no refined parameter, and the fixed values of {string.Join(", ", fixedParameters)} break it: Σcᵢpᵢ − c = {Format(residual)}. Refine one of them, or correct the values."));
                continue;
            }
            if (fixedParameters.Count > 0)
                diagnostics.Add(new(ConstraintDiagnosticKind.UnrefinedParameter,
                    $"{Show(c)} mentions {string.Join(", ", fixedParameters.Select(p => $"{p} = {Format(values[p])}"))}, not refined{(fixedParameters.Any(constraintSet.IsHeld) ? " or held" : "")}; taken as fixed at the current value{(fixedParameters.Count > 1 ? "s" : "")}.",
                    c, [.. fixedParameters], 0));
            if (Math.Abs(residual) > tolerance)
                diagnostics.Add(new(ConstraintDiagnosticKind.StartingValueViolation,
                    $"the starting values break {Show(c)}: Σcᵢpᵢ − c = {Format(residual)}; the start is projected onto the constraints.",
                    c, [.. c.Parameters], residual));
            rows.Add(new Row(c, [.. varied], b));
        }

        // Blocks of parameters linked by constraints (union–find).
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        foreach (var r in rows)
            for (int k = 1; k < r.Terms.Length; k++) parent[Find(r.Terms[k].Index)] = Find(r.Terms[0].Index);

        var origin = (double[])current.Clone();
        var blockColumns = new Dictionary<int, List<List<(int Row, double Value)>>>();
        var kept = new List<LinearConstraint>();
        int rank = 0;
        foreach (var block in rows.GroupBy(r => Find(r.Terms[0].Index)))
        {
            var members = Enumerable.Range(0, n).Where(i => Find(i) == block.Key).ToArray();
            var local = new Dictionary<int, int>();
            for (int k = 0; k < members.Length; k++) local[members[k]] = k;
            double valueScale = members.Max(i => Math.Abs(current[i]));

            // Rows scaled to unit length, taken in order; a row is kept when it raises the rank.
            var accepted = new List<(Row Row, double[] A, double B, double Norm)>();
            foreach (var r in block)
            {
                var a = new double[members.Length];
                foreach (var (i, coefficient) in r.Terms) a[local[i]] = coefficient;
                double norm = Math.Sqrt(a.Sum(x => x * x));
                for (int k = 0; k < a.Length; k++) a[k] /= norm;
                double b = r.B / norm;
                if (accepted.Count == 0 || RaisesRank(accepted.Select(x => x.A).Append(a).ToList(), members.Length))
                {
                    accepted.Add((r, a, b, norm));
                    continue;
                }
                // Dependent: a = Σ αₖ aₖ. Redundant when b = Σ αₖ bₖ too, in conflict otherwise.
                var at = Matrix<double>.Build.Dense(members.Length, accepted.Count, (i, k) => accepted[k].A[i]);
                var alpha = at.QR().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(a));
                double combination = 0, bScale = Math.Abs(b) + valueScale, amplification = 1;
                for (int k = 0; k < accepted.Count; k++)
                {
                    combination += alpha[k] * accepted[k].B;
                    bScale += Math.Abs(alpha[k] * accepted[k].B);
                    amplification += Math.Abs(alpha[k]);
                }
                // Nearly dependent kept rows give large multipliers αₖ, which amplify the rounding of
                // the solve and of the constants: the tolerance grows with Σ|αₖ| so that a
                // combination exact in decimal is not called a conflict (well-conditioned sets, such
                // as every chemistry constraint, have Σ|αₖ| of order 1).
                bScale *= amplification;
                // In the constraints' own scaling: cᵣ = Σ (norm_r αₖ / normₖ) cₖ.
                var involved = Enumerable.Range(0, accepted.Count)
                    .Where(k => Math.Abs(alpha[k]) > 1e-12)
                    .Select(k => (accepted[k].Row.Constraint, Factor: norm * alpha[k] / accepted[k].Norm)).ToList();
                string expansion = string.Join(" + ", involved.Select(x => $"{Format(x.Factor)}·({x.Constraint})"));
                if (Math.Abs(b - combination) <= ConsistencyTolerance * Math.Max(bScale, 1e-300))
                {
                    diagnostics.Add(new(ConstraintDiagnosticKind.Redundant,
                        $"{Show(r.Constraint)} is {expansion}; dropped.", r.Constraint, [.. r.Constraint.Parameters], 0));
                }
                else
                {
                    double disagreement = (b - combination) * norm;
                    var group = involved.Select(x => x.Constraint).Append(r.Constraint).ToList();
                    conflicts.Add((group,
                        $"{Show(r.Constraint)} contradicts {string.Join(" and ", involved.Select(x => Show(x.Constraint)))}: its left side is {expansion} on the refined parameters{(r.Constraint.Parameters.Any(p => !index.ContainsKey(p)) ? " (fixed parameters moved to the right)" : "")}, but its constant differs from theirs by {Format(disagreement)}."));
                }
            }
            if (conflicts.Count > 0) continue;

            // Null space and least-norm correction from the SVD of all the block's rows, redundant
            // ones included: projecting through the kept rows alone would multiply their rounding
            // by the (possibly large) combinations that express the dropped rows.
            var all = block.ToList();
            var matrix = Matrix<double>.Build.Dense(all.Count, members.Length);
            var rhs = new double[all.Count];
            for (int k = 0; k < all.Count; k++)
            {
                double norm = Math.Sqrt(all[k].Terms.Sum(t => t.Coefficient * t.Coefficient));
                foreach (var (i, coefficient) in all[k].Terms) matrix[k, local[i]] = coefficient / norm;
                rhs[k] = all[k].B / norm;
            }
            var svd = matrix.Svd(computeVectors: true);
            int r0 = svd.S.Count(s => s > RankTolerance * svd.S[0]);
            System.Diagnostics.Debug.Assert(r0 == accepted.Count, "the greedy rank and the SVD rank agree away from the tolerance");
            rank += r0;
            kept.AddRange(accepted.Select(x => x.Row.Constraint));

            var residual = new double[all.Count];
            for (int k = 0; k < all.Count; k++)
            {
                double s = -rhs[k];
                for (int i = 0; i < members.Length; i++) s += matrix[k, i] * current[members[i]];
                residual[k] = s;
            }
            for (int q = 0; q < r0; q++)
            {
                double uTd = 0;
                for (int k = 0; k < all.Count; k++) uTd += svd.U[k, q] * residual[k];
                double f = uTd / svd.S[q];
                for (int i = 0; i < members.Length; i++) origin[members[i]] -= svd.VT[q, i] * f;
            }
            var columns = new List<List<(int Row, double Value)>>();
            for (int q = r0; q < members.Length; q++)
            {
                var column = new List<(int Row, double Value)>();
                for (int i = 0; i < members.Length; i++)
                    if (svd.VT[q, i] != 0) column.Add((members[i], svd.VT[q, i]));
                columns.Add(column);
            }
            blockColumns[block.Key] = columns;
            foreach (int i in members)
            {
                double weight = columns.Sum(c => c.Where(e => e.Row == i).Sum(e => e.Value * e.Value));
                if (weight < RankTolerance * RankTolerance)
                    diagnostics.Add(new(ConstraintDiagnosticKind.Determined,
                        $"{parameters[i]} is fixed at {Format(origin[i])} by {string.Join(" and ", accepted.Where(x => x.A[local[i]] != 0).Select(x => Show(x.Row.Constraint)))}; refining it changes nothing.",
                        null, [parameters[i]], origin[i]));
            }
        }

        if (conflicts.Count > 0)
            throw new InconsistentConstraintsException(conflicts.Select(c => c.Group),
                "The constraints cannot all hold:" + string.Concat(conflicts.Select(c => Environment.NewLine + "  " + c.Text)));

        // Variables in the order of their first parameter: free parameters get identity columns.
        var allColumns = new List<List<(int Row, double Value)>>();
        var emitted = new HashSet<int>();
        for (int i = 0; i < n; i++)
        {
            int root = Find(i);
            if (blockColumns.TryGetValue(root, out var cols))
            {
                if (emitted.Add(root)) allColumns.AddRange(cols);
            }
            else if (!rows.Any(r => Find(r.Terms[0].Index) == root))
            {
                allColumns.Add([(i, 1.0)]);
            }
        }

        for (int i = 0; i < n; i++)
        {
            var bounds = constraintSet.BoundsOf(parameters[i]);
            if (!bounds.Contains(origin[i]))
                diagnostics.Add(new(ConstraintDiagnosticKind.OutsideBounds,
                    $"{parameters[i]} starts at {Format(origin[i])}{(origin[i] != current[i] ? $" (projected from {Format(current[i])})" : "")}, outside its bounds {bounds}.",
                    null, [parameters[i]], origin[i]));
        }

        double correction = 0;
        for (int i = 0; i < n; i++) correction = Math.Max(correction, Math.Abs(origin[i] - current[i]));
        var report = new ReductionReport([.. diagnostics], rank, rows.Count, correction);
        return new ReducedParameterSpace(constraintSet, parameters, origin, allColumns, [.. kept], report, values);
    }

    /// <summary>p = p₀ + T·v into <paramref name="destination"/> (length <see cref="ParameterCount"/>).</summary>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public void ToParameters(ReadOnlySpan<double> variables, Span<double> destination)
    {
        CheckLength(variables.Length, VariableCount, nameof(variables), "variables");
        CheckLength(destination.Length, ParameterCount, nameof(destination), "parameters");
        _origin.CopyTo(destination);
        for (int j = 0; j < VariableCount; j++)
        {
            double v = variables[j];
            for (int e = _columnStart[j]; e < _columnStart[j + 1]; e++) destination[_columnRow[e]] += _columnValue[e] * v;
        }
    }

    /// <summary>p = p₀ + T·v, allocated.</summary>
    public double[] ToParameters(ReadOnlySpan<double> variables)
    {
        var p = new double[ParameterCount];
        ToParameters(variables, p);
        return p;
    }

    /// <summary>
    /// v = Tᵀ(p − p₀) into <paramref name="destination"/>: exact for p on the constraints (T has
    /// orthonormal columns), the least-squares v otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public void ToVariables(ReadOnlySpan<double> parameters, Span<double> destination)
    {
        CheckLength(parameters.Length, ParameterCount, nameof(parameters), "parameters");
        CheckLength(destination.Length, VariableCount, nameof(destination), "variables");
        for (int j = 0; j < VariableCount; j++)
        {
            double s = 0;
            for (int e = _columnStart[j]; e < _columnStart[j + 1]; e++) s += _columnValue[e] * (parameters[_columnRow[e]] - _origin[_columnRow[e]]);
            destination[j] = s;
        }
    }

    /// <summary>v = Tᵀ(p − p₀), allocated.</summary>
    public double[] ToVariables(ReadOnlySpan<double> parameters)
    {
        var v = new double[VariableCount];
        ToVariables(parameters, v);
        return v;
    }

    /// <summary>
    /// Every value: the current values with the varied parameters replaced by p₀ + T·v — what a
    /// <see cref="ParameterCatalog"/> writes back into phases. A value that lies outside its bounds by no more than
    /// rounding (10⁻¹² of the bound's size, at least 10⁻¹²) is put on the bound: p₀ + t·v with v on the bound derived
    /// from p's can miss it in the last bit (an occupancy of −1·10⁻¹⁷, which a phase refuses).
    /// </summary>
    public ImmutableDictionary<ParameterId, double> ToValues(ReadOnlySpan<double> variables)
    {
        var p = ToParameters(variables);
        var builder = CurrentValues.ToBuilder();
        for (int i = 0; i < p.Length; i++)
        {
            double value = p[i], lower = _lower[i], upper = _upper[i];
            if (value < lower && lower - value <= 1e-12 * Math.Max(1, Math.Abs(lower))) value = lower;
            else if (value > upper && value - upper <= 1e-12 * Math.Max(1, Math.Abs(upper))) value = upper;
            builder[Parameters[i]] = value;
        }
        return builder.ToImmutable();
    }

    /// <summary>Entry (i, j) of T: ∂pᵢ/∂vⱼ.</summary>
    public double Transform(int parameterIndex, int variableIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameterIndex, ParameterCount);
        for (int e = _rowStart[parameterIndex]; e < _rowStart[parameterIndex + 1]; e++)
            if (_rowColumn[e] == variableIndex) return _rowValue[e];
        return 0;
    }

    /// <summary>T as a dense <see cref="ParameterCount"/> × <see cref="VariableCount"/> array.</summary>
    public double[,] TransformMatrix()
    {
        var t = new double[ParameterCount, VariableCount];
        for (int j = 0; j < VariableCount; j++)
            for (int e = _columnStart[j]; e < _columnStart[j + 1]; e++) t[_columnRow[e], j] = _columnValue[e];
        return t;
    }

    /// <summary>
    /// The chain rule J_v = J_p·T. Both Jacobians are column-major: <paramref name="parameterJacobian"/>
    /// is rows × <see cref="ParameterCount"/>, <paramref name="variableJacobian"/> rows × <see cref="VariableCount"/>.
    /// Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are not rows × the column counts for a common number of rows.</exception>
    public void ChainJacobian(ReadOnlySpan<double> parameterJacobian, Span<double> variableJacobian)
    {
        int n = ParameterCount, m = VariableCount;
        if (n == 0)
        {
            if (parameterJacobian.Length != 0 || variableJacobian.Length != 0)
                throw new ArgumentException("With no varied parameters both Jacobians are empty.", nameof(parameterJacobian));
            return;
        }
        if (parameterJacobian.Length % n != 0)
            throw new ArgumentException($"The parameter Jacobian has {parameterJacobian.Length} entries, not a multiple of the {n} parameters.", nameof(parameterJacobian));
        int rows = parameterJacobian.Length / n;
        if (variableJacobian.Length != rows * m)
            throw new ArgumentException($"The variable Jacobian needs {rows} × {m} = {rows * m} entries; it has {variableJacobian.Length}.", nameof(variableJacobian));
        for (int j = 0; j < m; j++)
        {
            var destination = variableJacobian.Slice(j * rows, rows);
            int start = _columnStart[j], end = _columnStart[j + 1];
            if (end - start == 1 && _columnValue[start] == 1)
            {
                parameterJacobian.Slice(_columnRow[start] * rows, rows).CopyTo(destination);
                continue;
            }
            destination.Clear();
            for (int e = start; e < end; e++)
                MultiplyAdd(parameterJacobian.Slice(_columnRow[e] * rows, rows), _columnValue[e], destination);
        }
    }

    /// <summary>
    /// The chain rule with a weight per row, J_v = diag(s)·J_p·T: the weighted Jacobian of a least-squares problem in
    /// one pass over the data (instead of weighting J_p in place and then chaining it). Column-major as
    /// <see cref="ChainJacobian(ReadOnlySpan{double}, Span{double})"/>; <paramref name="rowScale"/> holds one factor
    /// per row (√w for weighted residuals). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are not rows × the column counts, or the scale is not one value per row.</exception>
    public void ChainJacobian(ReadOnlySpan<double> parameterJacobian, ReadOnlySpan<double> rowScale, Span<double> variableJacobian)
    {
        int n = ParameterCount, m = VariableCount;
        int rows = rowScale.Length;
        if (parameterJacobian.Length != rows * n)
            throw new ArgumentException($"The parameter Jacobian has {parameterJacobian.Length} entries; {rows} rows × {n} parameters = {rows * n} are needed.", nameof(parameterJacobian));
        if (variableJacobian.Length != rows * m)
            throw new ArgumentException($"The variable Jacobian needs {rows} × {m} = {rows * m} entries; it has {variableJacobian.Length}.", nameof(variableJacobian));
        for (int j = 0; j < m; j++) ChainRows(parameterJacobian, rowScale, variableJacobian, j, 0, rows);
    }

    /// <summary>
    /// Rows [<paramref name="from"/>, <paramref name="to"/>) of one variable's column of
    /// <see cref="ChainJacobian(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>, the same numbers bit for
    /// bit (every entry is formed on its own): for a caller that knows the other rows of the column are zero. The
    /// arrays are laid out as for the whole product. Allocates nothing.
    /// </summary>
    /// <param name="parameterJacobian">J_p, rows × <see cref="ParameterCount"/>, column-major.</param>
    /// <param name="rowScale">One factor per row (all rows).</param>
    /// <param name="variableJacobian">J_v, rows × <see cref="VariableCount"/>, column-major; only the given rows of column <paramref name="variable"/> are written.</param>
    /// <param name="variable">The variable (column of J_v).</param>
    /// <param name="from">The first row.</param>
    /// <param name="to">One past the last row.</param>
    /// <exception cref="ArgumentException">A length does not match, or the rows or the variable are out of range.</exception>
    public void ChainJacobianRows(ReadOnlySpan<double> parameterJacobian, ReadOnlySpan<double> rowScale, Span<double> variableJacobian,
                                  int variable, int from, int to)
    {
        int rows = rowScale.Length;
        if (parameterJacobian.Length != rows * ParameterCount)
            throw new ArgumentException($"The parameter Jacobian has {parameterJacobian.Length} entries; {rows} rows × {ParameterCount} parameters = {rows * ParameterCount} are needed.", nameof(parameterJacobian));
        if (variableJacobian.Length != rows * VariableCount)
            throw new ArgumentException($"The variable Jacobian needs {rows} × {VariableCount} = {rows * VariableCount} entries; it has {variableJacobian.Length}.", nameof(variableJacobian));
        if ((uint)variable >= (uint)VariableCount)
            throw new ArgumentOutOfRangeException(nameof(variable), variable, $"There are {VariableCount} variables.");
        if (from < 0 || to > rows || from > to)
            throw new ArgumentException($"Rows [{from}, {to}) are not within the {rows} rows.", nameof(from));
        ChainRows(parameterJacobian, rowScale, variableJacobian, variable, from, to);
    }

    private void ChainRows(ReadOnlySpan<double> parameterJacobian, ReadOnlySpan<double> rowScale, Span<double> variableJacobian, int j, int from, int to)
    {
        int rows = rowScale.Length, length = to - from;
        var destination = variableJacobian.Slice(j * rows + from, length);
        var scale = rowScale.Slice(from, length);
        int start = _columnStart[j], end = _columnStart[j + 1];
        if (end - start == 1 && _columnValue[start] == 1)
        {
            Multiply(parameterJacobian.Slice(_columnRow[start] * rows + from, length), scale, destination);
            return;
        }
        destination.Clear();
        for (int e = start; e < end; e++)
            MultiplyAdd(parameterJacobian.Slice(_columnRow[e] * rows + from, length), _columnValue[e], destination);
        Multiply(destination, scale, destination);
    }

    /// <summary>
    /// Σ_p = T·Σ_v·Tᵀ: the covariance of every varied parameter, constrained ones included.
    /// Column-major (symmetric) arrays: <paramref name="variableCovariance"/> is
    /// <see cref="VariableCount"/>², <paramref name="destination"/> <see cref="ParameterCount"/>². Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public void CovarianceOfParameters(ReadOnlySpan<double> variableCovariance, Span<double> destination)
    {
        int n = ParameterCount, m = VariableCount;
        CheckLength(variableCovariance.Length, m * m, nameof(variableCovariance), "entries (variables²)");
        CheckLength(destination.Length, n * n, nameof(destination), "entries (parameters²)");
        destination.Clear();
        for (int j = 0; j < m; j++)
            for (int l = 0; l < m; l++)
            {
                double c = variableCovariance[l * m + j];
                if (c == 0) continue;
                for (int e = _columnStart[j]; e < _columnStart[j + 1]; e++)
                {
                    double tc = _columnValue[e] * c;
                    int i = _columnRow[e];
                    for (int f = _columnStart[l]; f < _columnStart[l + 1]; f++) destination[_columnRow[f] * n + i] += tc * _columnValue[f];
                }
            }
    }

    /// <summary>Σ_p = T·Σ_v·Tᵀ as a new array.</summary>
    /// <exception cref="ArgumentException">The covariance is not <see cref="VariableCount"/> square.</exception>
    public double[,] CovarianceOfParameters(double[,] variableCovariance)
    {
        var flat = Flatten(variableCovariance);
        var result = new double[ParameterCount * ParameterCount];
        CovarianceOfParameters(flat, result);
        var p = new double[ParameterCount, ParameterCount];
        for (int i = 0; i < ParameterCount; i++)
            for (int k = 0; k < ParameterCount; k++) p[i, k] = result[k * ParameterCount + i];
        return p;
    }

    /// <summary>
    /// The standard uncertainty of every varied parameter, sqrt((T·Σ_v·Tᵀ)ᵢᵢ), into
    /// <paramref name="destination"/>; <paramref name="variableCovariance"/> is column-major. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public void StandardUncertainties(ReadOnlySpan<double> variableCovariance, Span<double> destination)
    {
        int n = ParameterCount, m = VariableCount;
        CheckLength(variableCovariance.Length, m * m, nameof(variableCovariance), "entries (variables²)");
        CheckLength(destination.Length, n, nameof(destination), "parameters");
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int e = _rowStart[i]; e < _rowStart[i + 1]; e++)
                for (int f = _rowStart[i]; f < _rowStart[i + 1]; f++)
                    s += _rowValue[e] * variableCovariance[_rowColumn[f] * m + _rowColumn[e]] * _rowValue[f];
            destination[i] = Math.Sqrt(Math.Max(s, 0));
        }
    }

    /// <summary>The standard uncertainty of every varied parameter, in the order of <see cref="Parameters"/>.</summary>
    public double[] StandardUncertainties(double[,] variableCovariance)
    {
        var su = new double[ParameterCount];
        StandardUncertainties(Flatten(variableCovariance), su);
        return su;
    }

    /// <summary>The standard uncertainty of every varied parameter by its identity (for <see cref="ParameterCatalog.ToPhases"/>).</summary>
    public ImmutableDictionary<ParameterId, double> StandardUncertaintiesById(double[,] variableCovariance)
    {
        var su = StandardUncertainties(variableCovariance);
        return Parameters.Select((p, i) => KeyValuePair.Create(p, su[i])).ToImmutableDictionary();
    }

    /// <summary>
    /// The largest fraction α ∈ [0, 1] of a step in v such that p₀ + T·(v + α·step) stays within
    /// every varied parameter's bounds: the refinement shortens its step by α, so bounds hold and
    /// the constraints stay exact. 0 when a parameter is already at (or beyond) a bound the step
    /// pushes it across. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public double StepFractionWithinBounds(ReadOnlySpan<double> variables, ReadOnlySpan<double> step)
    {
        CheckLength(variables.Length, VariableCount, nameof(variables), "variables");
        CheckLength(step.Length, VariableCount, nameof(step), "variables");
        double alpha = 1;
        for (int i = 0; i < ParameterCount; i++)
        {
            if (double.IsNegativeInfinity(_lower[i]) && double.IsPositiveInfinity(_upper[i])) continue;
            double p = _origin[i], dp = 0;
            for (int e = _rowStart[i]; e < _rowStart[i + 1]; e++)
            {
                p += _rowValue[e] * variables[_rowColumn[e]];
                dp += _rowValue[e] * step[_rowColumn[e]];
            }
            if (dp > 0 && p + dp > _upper[i]) alpha = Math.Min(alpha, Math.Max(0, (_upper[i] - p) / dp));
            else if (dp < 0 && p + dp < _lower[i]) alpha = Math.Min(alpha, Math.Max(0, (_lower[i] - p) / dp));
        }
        return alpha;
    }

    /// <summary>
    /// What variable j changes: "Δlayered/O1/z" for a parameter in no constraint, otherwise the
    /// combination vⱼ = Σ Tᵢⱼ·Δpᵢ, e.g. "0.759·Δlayered/Li1/occ[Li] − 0.651·Δrocksalt/M1/occ[Li]".
    /// </summary>
    public string DescribeVariable(int variableIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variableIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(variableIndex, VariableCount);
        int start = _columnStart[variableIndex], end = _columnStart[variableIndex + 1];
        if (end - start == 1 && _columnValue[start] == 1) return "Δ" + Parameters[_columnRow[start]];
        var sb = new StringBuilder();
        for (int e = start; e < end; e++)
        {
            double t = _columnValue[e];
            if (Math.Abs(t) < 1e-12) continue;
            sb.Append(sb.Length == 0 ? (t < 0 ? "−" : "") : (t < 0 ? " − " : " + "));
            sb.Append(Math.Abs(t).ToString("0.####", CultureInfo.InvariantCulture)).Append("·Δ").Append(Parameters[_columnRow[e]]);
        }
        return sb.ToString();
    }

    /// <summary>"n parameters, m variables, rank r" and the report.</summary>
    public override string ToString() =>
        $"{ParameterCount} refined parameters, {VariableCount} independent variables, constraint rank {Report.Rank}. {Report}";

    // z = x ⊙ y, element by element (z may be x).
    private static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
    {
        int i = 0;
        if (Simd.Vector.IsHardwareAccelerated && x.Length >= Simd.Vector<double>.Count)
            for (; i <= x.Length - Simd.Vector<double>.Count; i += Simd.Vector<double>.Count)
                (new Simd.Vector<double>(x[i..]) * new Simd.Vector<double>(y[i..])).CopyTo(z[i..]);
        for (; i < x.Length; i++) z[i] = x[i] * y[i];
    }

    private static void MultiplyAdd(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        int i = 0;
        if (Simd.Vector.IsHardwareAccelerated && x.Length >= Simd.Vector<double>.Count)
        {
            var va = new Simd.Vector<double>(a);
            for (; i <= x.Length - Simd.Vector<double>.Count; i += Simd.Vector<double>.Count)
            {
                var vy = new Simd.Vector<double>(y[i..]) + va * new Simd.Vector<double>(x[i..]);
                vy.CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++) y[i] += a * x[i];
    }

    private double[] Flatten(double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int m = VariableCount;
        if (covariance.GetLength(0) != m || covariance.GetLength(1) != m)
            throw new ArgumentException($"The covariance of the variables is {m} × {m}; got {covariance.GetLength(0)} × {covariance.GetLength(1)}.", nameof(covariance));
        var flat = new double[m * m];
        for (int j = 0; j < m; j++)
            for (int l = 0; l < m; l++) flat[l * m + j] = covariance[j, l];
        return flat;
    }

    private static bool RaisesRank(List<double[]> candidate, int columns)
    {
        var matrix = Matrix<double>.Build.Dense(candidate.Count, columns, (k, i) => candidate[k][i]);
        if (candidate.Count > columns) return false;
        var s = matrix.Svd(computeVectors: false).S;
        return s[candidate.Count - 1] > RankTolerance * s[0];
    }

    private static double ValueOf(ImmutableDictionary<ParameterId, double> values, ParameterId p, string role)
    {
        if (!values.TryGetValue(p, out double v))
            throw new ArgumentException($"No current value for {p} ({role}).", "currentValues");
        if (!double.IsFinite(v))
            throw new ArgumentException($"The current value of {p} ({role}) is {v}.", "currentValues");
        return v;
    }

    private static void CheckLength(int actual, int expected, string name, string what)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {expected} {what}; got {actual}.", name);
    }

    private static string Show(LinearConstraint c) => c.Description is { } d ? $"'{c}' ({d})" : $"'{c}'";

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private sealed record Row(LinearConstraint Constraint, (int Index, double Coefficient)[] Terms, double B);
}
