using System.Collections.Immutable;

namespace Crystallography.Intergrowth.Symmetry;

public sealed partial class SpaceGroup
{
    /// <summary>The default tolerance, in fractional units, within which two positions coincide.</summary>
    public const double DefaultPositionTolerance = 1e-4;

    // Free-parameter values that no special position singles out: evaluating a Wyckoff triplet
    // here gives a point whose stabiliser is exactly the site-symmetry group of the position.
    private const double GenericX = 0.1371, GenericY = 0.2617, GenericZ = 0.3853;

    /// <summary>
    /// The distinct positions equivalent to <paramref name="position"/> in the conventional cell,
    /// reduced to [0, 1); their number is the multiplicity of the site.
    /// </summary>
    /// <param name="position">Any fractional position.</param>
    /// <param name="tolerance">Positions closer than this (fractional, per coordinate, modulo lattice translations) count as one.</param>
    public IReadOnlyList<FractionalPosition> Orbit(FractionalPosition position, double tolerance = DefaultPositionTolerance)
    {
        CheckTolerance(tolerance);
        var orbit = new List<FractionalPosition>();
        foreach (var op in Operations)
        {
            var image = op.Apply(position).Reduced();
            if (!orbit.Any(p => FractionalPosition.LatticeDistance(p, image) <= tolerance))
                orbit.Add(image);
        }
        return orbit;
    }

    /// <summary>
    /// The operations that leave a position fixed modulo lattice translations, each with the lattice
    /// translation that brings the image back onto the position (the site-symmetry group).
    /// </summary>
    public ImmutableArray<SymmetryOperation> SiteSymmetryOperations(FractionalPosition position, double tolerance = DefaultPositionTolerance)
    {
        CheckTolerance(tolerance);
        var result = ImmutableArray.CreateBuilder<SymmetryOperation>();
        foreach (var op in Operations)
        {
            var image = op.Apply(position);
            double dx = image.X - position.X, dy = image.Y - position.Y, dz = image.Z - position.Z;
            int nx = (int)Math.Round(dx), ny = (int)Math.Round(dy), nz = (int)Math.Round(dz);
            if (Math.Max(Math.Abs(dx - nx), Math.Max(Math.Abs(dy - ny), Math.Abs(dz - nz))) <= tolerance)
                result.Add(SymmetryOperation.Translation(-12 * nx, -12 * ny, -12 * nz) * op);
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// Finds the Wyckoff position a position falls on, within a tolerance, and snaps the position
    /// exactly onto it: a nearly special position such as (0.0001, 0, 0.2571) in R-3m:H becomes
    /// (0, 0, 0.2571) on 6c.
    /// </summary>
    /// <param name="position">A fractional position.</param>
    /// <param name="tolerance">How far (fractional units, per coordinate) a position may be from a special position to be put onto it.</param>
    /// <exception cref="ArgumentException">The position's approximate site symmetry is not a group at this tolerance (tolerance too large for the cell).</exception>
    public SiteLocation Locate(FractionalPosition position, double tolerance = DefaultPositionTolerance)
    {
        CheckTolerance(tolerance);
        var site = SiteGroupWithin(position, tolerance);
        var snapped = Project(site, position);
        var exactSite = SiteSymmetryOperations(snapped, 1e-9);
        if (exactSite.Length != site.Count || Order % site.Count != 0)
            throw new ArgumentException(
                $"The operations that fix {position} within {tolerance} do not form a site-symmetry group of {this}; use a smaller tolerance.",
                nameof(tolerance));
        int multiplicity = Order / site.Count;
        foreach (var wyckoff in WyckoffPositions)
        {
            if (wyckoff.Multiplicity != multiplicity) continue;
            foreach (var op in Operations)
            {
                var image = op.Apply(snapped);
                if (LiesOn(wyckoff.Representative, image))
                    return new SiteLocation(wyckoff, snapped, FractionalPosition.LatticeDistance(position, snapped), exactSite);
            }
        }
        throw new InvalidOperationException(
            $"{snapped} with multiplicity {multiplicity} matches no Wyckoff position of {this}; the Wyckoff table and the operations disagree.");
    }

    /// <summary>The Wyckoff position a position falls on (see <see cref="Locate"/>).</summary>
    public WyckoffPosition WyckoffPositionOf(FractionalPosition position, double tolerance = DefaultPositionTolerance) =>
        Locate(position, tolerance).Wyckoff;

    /// <summary>The position moved exactly onto the special position it lies near (see <see cref="Locate"/>).</summary>
    public FractionalPosition SnapToSpecialPosition(FractionalPosition position, double tolerance = DefaultPositionTolerance) =>
        Locate(position, tolerance).Position;

    /// <summary>
    /// The site-symmetry group (exact affine maps, lattice translations included) of the special
    /// position nearest <paramref name="position"/> that lies within <paramref name="tolerance"/> of it.
    /// </summary>
    /// <remarks>
    /// A site operation moves a point at distance d from its special position by more than d: a
    /// mirror by 2d, the threefold of R-3m:H's 6c by up to 2d, some hexagonal operations by 3d. So
    /// operations are sought within 4·tolerance, nearest first, and each is kept when the group it
    /// generates with those kept before projects the point by no more than the tolerance.
    /// </remarks>
    private List<SymmetryOperation> SiteGroupWithin(FractionalPosition position, double tolerance)
    {
        const int largestPointGroup = 48;
        double window = Math.Min(4 * tolerance, 0.24);
        // The tolerance itself is accepted: (0.0001, 0, z) is 1e-4 from 0,0,z up to rounding.
        double limit = tolerance * (1 + 1e-9);
        var candidates = new List<(SymmetryOperation Op, double Displacement)>();
        foreach (var op in Operations)
        {
            var image = op.Apply(position);
            double dx = image.X - position.X, dy = image.Y - position.Y, dz = image.Z - position.Z;
            int nx = (int)Math.Round(dx), ny = (int)Math.Round(dy), nz = (int)Math.Round(dz);
            double displacement = Math.Max(Math.Abs(dx - nx), Math.Max(Math.Abs(dy - ny), Math.Abs(dz - nz)));
            if (displacement <= window)
                candidates.Add((SymmetryOperation.Translation(-12 * nx, -12 * ny, -12 * nz) * op, displacement));
        }
        var site = new List<SymmetryOperation> { SymmetryOperation.Identity };
        foreach (var (op, _) in candidates.OrderBy(c => c.Displacement))
        {
            if (site.Contains(op)) continue;
            // The group generated by the kept operations and this one, as exact maps.
            var trial = new List<SymmetryOperation>(site) { op };
            var seen = new HashSet<SymmetryOperation>(trial);
            for (int i = 0; i < trial.Count && trial.Count <= largestPointGroup; i++)
                for (int j = 0; j < trial.Count && trial.Count <= largestPointGroup; j++)
                    if (seen.Add(trial[i] * trial[j])) trial.Add(trial[i] * trial[j]);
            if (trial.Count <= largestPointGroup &&
                FractionalPosition.LatticeDistance(position, Project(trial, position)) <= limit)
                site = trial;
        }
        return site;
    }

    /// <summary>
    /// The average of the images S·x over a site-symmetry group: the projection of x onto the
    /// subspace the group fixes, i.e. the nearest exactly special position.
    /// </summary>
    private static FractionalPosition Project(List<SymmetryOperation> site, FractionalPosition position)
    {
        // Average the displacements S·x − x rather than the images: a coordinate that no site
        // operation changes then stays bit-for-bit what it was (0.2572 does not become 0.25720000000000004).
        double sx = 0, sy = 0, sz = 0;
        foreach (var op in site)
        {
            var image = op.Apply(position);
            sx += image.X - position.X; sy += image.Y - position.Y; sz += image.Z - position.Z;
        }
        return new FractionalPosition(
            CleanCoordinate(position.X + sx / site.Count), CleanCoordinate(position.Y + sy / site.Count),
            CleanCoordinate(position.Z + sz / site.Count));
    }

    /// <summary>
    /// Replaces a coordinate within 1e-10 of a multiple of 1/48 (every fixed coordinate of a special
    /// position is one) by that multiple, so that averaging leaves 0 rather than 1e-21 or −0, and
    /// 1/3 as the nearest double.
    /// </summary>
    private static double CleanCoordinate(double v)
    {
        double scaled = v * 48;
        double nearest = Math.Round(scaled);
        return Math.Abs(scaled - nearest) < 48e-10 ? nearest / 48 + 0.0 : v;
    }

    /// <summary>True when the point lies on the affine subspace of the triplet, modulo lattice translations.</summary>
    private static bool LiesOn(CoordinateTriplet triplet, FractionalPosition point)
    {
        var a = new double[3, 3];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++) a[r, c] = triplet.Coefficient(r, c);
        Span<double> d = stackalloc double[3];
        Span<double> reduced = stackalloc double[3];
        for (int r = 0; r < 3; r++)
        {
            double v = point[r] - triplet.Constant(r);
            reduced[r] = v - Math.Round(v);
        }
        // Lines such as x,2x,z wrap the cell more than once, so try neighbouring lattice shifts.
        for (int nx = -1; nx <= 1; nx++)
            for (int ny = -1; ny <= 1; ny++)
                for (int nz = -1; nz <= 1; nz++)
                {
                    d[0] = reduced[0] + nx; d[1] = reduced[1] + ny; d[2] = reduced[2] + nz;
                    if (LinearAlgebra.ResidualOfBestFit(a, d) < 1e-6) return true;
                }
        return false;
    }

    private ImmutableArray<WyckoffPosition> BuildWyckoffPositions()
    {
        var result = ImmutableArray.CreateBuilder<WyckoffPosition>(Setting.WyckoffData.Length);
        foreach (var (letter, triplet) in Setting.WyckoffData)
        {
            var generic = triplet.Evaluate(GenericX, GenericY, GenericZ);
            var site = SiteSymmetryOperations(generic, 1e-9);
            int multiplicity = Order / site.Length;
            string siteSymmetry = PointGroup.FromOperations(site).TypeSymbol;
            // The coordinates of the orbit: the triplet mapped by every operation, one per distinct
            // point, in International Tables' order: the images under the primitive operations
            // first, then those images shifted by each centring translation in turn.
            var coordinates = ImmutableArray.CreateBuilder<CoordinateTriplet>(multiplicity);
            var points = new List<FractionalPosition>(multiplicity);
            foreach (var op in CentringTranslations.SelectMany(t => PrimitiveOperations.Select(p => (t * p).Normalized())))
            {
                var image = triplet.Transform(op).Reduced();
                var point = image.Evaluate(GenericX, GenericY, GenericZ);
                if (points.Any(p => FractionalPosition.LatticeDistance(p, point) < 1e-9)) continue;
                points.Add(point);
                coordinates.Add(image);
            }
            result.Add(new WyckoffPosition(letter, multiplicity, siteSymmetry, triplet, coordinates.ToImmutable()));
        }
        return result.MoveToImmutable();
    }

    private static void CheckTolerance(double tolerance)
    {
        if (!(tolerance > 0 && tolerance < 0.25))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The position tolerance must be positive and below 0.25 (fractional units).");
    }
}
