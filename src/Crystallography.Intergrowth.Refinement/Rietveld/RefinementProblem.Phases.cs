using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.StructureModel;
using Crystallography.Intergrowth.Symmetry;

namespace Crystallography.Intergrowth.Refinement;

public sealed partial class RefinementProblem
{
    private static readonly CellParameter[] CellOrder =
        [CellParameter.A, CellParameter.B, CellParameter.C, CellParameter.Alpha, CellParameter.Beta, CellParameter.Gamma];
    private static readonly string[] AnisotropicNames = ["U11", "U22", "U33", "U12", "U13", "U23"];

    // One phase: where its values live, how refined parameters reach its structure factors, and its current cell.
    private sealed class PhaseModel
    {
        private readonly int[] _cellSlot = new int[6];
        private readonly double[] _cellStart = new double[6];
        private readonly int[] _positionSlot;        // 3 per site, −1 when fixed
        private readonly double[] _positionStart;
        private readonly int[] _displacementSlot;    // per site: Uiso slot, or −1
        private readonly int[] _anisotropicSlot;     // 6 per anisotropic site, −1 when fixed (zero by symmetry)
        private readonly double[] _anisotropicStart;
        private readonly bool[] _anisotropic;
        private readonly int[] _occupantStart;       // per site, first occupant; one extra
        private readonly int[] _occupancySlot;       // per occupant, the element's occupancy slot
        private readonly double[] _share;            // per occupant, its share of the element's occupancy
        private readonly int _scaleSlot, _fractionSlot;
        private readonly double[] _lastCell = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];

        public PhaseModel(Phase phase, Dictionary<ParameterId, int> slotOf, ReducedParameterSpace space, TieMap ties)
        {
            Phase = phase;
            Name = phase.Name;
            FormulaUnits = phase.FormulaUnitsPerCell;
            for (int t = 0; t < 6; t++)
            {
                _cellSlot[t] = slotOf.GetValueOrDefault(ParameterId.Cell(Name, CellOrder[t]), -1);
                _cellStart[t] = phase.Cell.Get(CellOrder[t]);
            }
            var sites = phase.Sites;
            _positionSlot = new int[3 * sites.Length];
            _positionStart = new double[3 * sites.Length];
            _displacementSlot = new int[sites.Length];
            _anisotropicSlot = new int[6 * sites.Length];
            _anisotropicStart = new double[6 * sites.Length];
            _anisotropic = new bool[sites.Length];
            _occupantStart = new int[sites.Length + 1];
            int occupants = sites.Sum(s => s.Occupants.Length);
            _occupancySlot = new int[occupants];
            _share = new double[occupants];
            var structureIndex = new Dictionary<ParameterId, List<(int Index, double Share)>>();
            int index = 0, o = 0;
            for (int s = 0; s < sites.Length; s++)
            {
                var site = sites[s];
                for (int axis = 0; axis < 3; axis++)
                {
                    var id = ParameterId.Coordinate(Name, site.Label, axis);
                    _positionSlot[3 * s + axis] = slotOf.GetValueOrDefault(id, -1);
                    _positionStart[3 * s + axis] = site.Position[axis];
                    structureIndex[id] = [(index + axis, 1)];
                }
                index += 3;
                _displacementSlot[s] = -1;
                if (site.Displacement.Anisotropic is { } u)
                {
                    _anisotropic[s] = true;
                    double[] start = [u.U11, u.U22, u.U33, u.U12, u.U13, u.U23];
                    for (int c = 0; c < 6; c++)
                    {
                        var id = ParameterId.Uaniso(Name, site.Label, AnisotropicNames[c]);
                        _anisotropicSlot[6 * s + c] = slotOf.GetValueOrDefault(id, -1);
                        _anisotropicStart[6 * s + c] = start[c];
                        structureIndex[id] = [(index + c, 1)];
                    }
                    index += 6;
                }
                else
                {
                    var id = ParameterId.Uiso(Name, site.Label);
                    _displacementSlot[s] = slotOf[id];
                    structureIndex[id] = [(index, 1)];
                    index++;
                }
                _occupantStart[s] = o;
                foreach (var element in site.Occupants.Select((occupant, k) => (occupant, k)).GroupBy(t => t.occupant.Species.Symbol))
                {
                    var id = ParameterId.Occupancy(Name, site.Label, element.Key);
                    double sum = element.Sum(t => t.occupant.Occupancy);
                    var list = structureIndex[id] = [];
                    foreach (var (occupant, k) in element)
                    {
                        double share = sum != 0 ? occupant.Occupancy / sum : 1.0 / element.Count();
                        _occupancySlot[o + k] = slotOf[id];
                        _share[o + k] = share;
                        list.Add((index + k, share));
                    }
                }
                index += site.Occupants.Length;
                o += site.Occupants.Length;
            }
            _occupantStart[sites.Length] = o;
            StructureParameterCount = index;
            _scaleSlot = slotOf[ParameterId.PhaseScale(Name)];
            _fractionSlot = slotOf.GetValueOrDefault(ParameterId.PhaseFraction(Name), -1);

            ScaleColumn = space.IndexOf(ParameterId.PhaseScale(Name));
            FractionColumn = space.IndexOf(ParameterId.PhaseFraction(Name));
            var cellColumns = new List<(int, double[])>();
            var atomColumns = new List<(int, (int, double)[])>();
            for (int column = 0; column < space.ParameterCount; column++)
            {
                var id = space.Parameters[column];
                if (id.Scope != Name || id.Kind == ParameterKind.Histogram) continue;
                switch (id.Kind)
                {
                    case ParameterKind.Cell:
                        var coefficients = new double[6];
                        foreach (var (raw, c) in ties.Raw(id))
                            coefficients[Array.IndexOf(CellOrder, CellOrderOf(raw))] += c;
                        cellColumns.Add((column, coefficients));
                        break;
                    case ParameterKind.Coordinate:
                    case ParameterKind.Uiso:
                    case ParameterKind.Uaniso:
                    case ParameterKind.Occupancy:
                        var terms = new List<(int, double)>();
                        foreach (var (raw, c) in ties.Raw(id))
                            foreach (var (i, share) in structureIndex[raw]) terms.Add((i, c * share));
                        atomColumns.Add((column, [.. terms]));
                        break;
                }
            }
            CellColumns = [.. cellColumns];
            AtomColumns = [.. atomColumns];
            Cell = phase.Cell.Geometry;
        }

        public Phase Phase { get; }
        public string Name { get; }
        public double FormulaUnits { get; }
        public int StructureParameterCount { get; }
        public int ScaleColumn { get; }
        public int FractionColumn { get; }
        public (int Column, double[] Coefficients)[] CellColumns { get; }
        public (int Column, (int Index, double Coefficient)[] Terms)[] AtomColumns { get; }
        public bool HasFraction => _fractionSlot >= 0;

        // Current values, set by Load.
        public CellGeometry Cell { get; private set; }
        public double[] CellValues { get; } = new double[6];
        public double[] VolumeGradient { get; } = new double[6];
        public double Volume { get; private set; }
        public double Amount { get; private set; }            // K = s (· f/(Z V))
        public double AmountPerScale { get; private set; }    // ∂K/∂s
        public double AmountPerFraction { get; private set; } // ∂K/∂f

        public bool Load(double[] values)
        {
            for (int t = 0; t < 6; t++) CellValues[t] = _cellSlot[t] >= 0 ? values[_cellSlot[t]] : _cellStart[t];
            bool changed = false;
            for (int t = 0; t < 6; t++) changed |= CellValues[t] != _lastCell[t];
            if (changed)
            {
                if (!CellGeometry.TryCreate(CellValues[0], CellValues[1], CellValues[2], CellValues[3], CellValues[4], CellValues[5], out var geometry))
                    return false;
                Cell = geometry;
                CellValues.CopyTo(_lastCell, 0);
                Volume = geometry.Volume;
                geometry.VolumeGradient(VolumeGradient);
            }
            double scale = values[_scaleSlot];
            if (_fractionSlot >= 0)
            {
                double perFraction = scale / (FormulaUnits * Volume);
                AmountPerFraction = perFraction;
                AmountPerScale = values[_fractionSlot] / (FormulaUnits * Volume);
                Amount = perFraction * values[_fractionSlot];
            }
            else
            {
                Amount = scale;
                AmountPerScale = 1;
                AmountPerFraction = 0;
            }
            return double.IsFinite(Amount);
        }

        // Writes the current structure into an evaluator, the cell moved by step·direction when a direction is given
        // (the intensity derivative of a cell column).
        public bool Apply(StructureFactorEvaluator evaluator, double[] values, double[]? direction = null, double step = 0)
        {
            var c = CellValues;
            try
            {
                if (direction is null)
                    evaluator.SetCell(c[0], c[1], c[2], c[3], c[4], c[5]);
                else
                    evaluator.SetCell(c[0] + step * direction[0], c[1] + step * direction[1], c[2] + step * direction[2],
                                      c[3] + step * direction[3], c[4] + step * direction[4], c[5] + step * direction[5]);
            }
            catch (ArgumentException)
            {
                return false;
            }
            for (int s = 0; s < _anisotropic.Length; s++)
            {
                evaluator.SetPosition(s, Value(values, _positionSlot[3 * s], _positionStart[3 * s]),
                                      Value(values, _positionSlot[3 * s + 1], _positionStart[3 * s + 1]),
                                      Value(values, _positionSlot[3 * s + 2], _positionStart[3 * s + 2]));
                if (_anisotropic[s])
                {
                    int b = 6 * s;
                    evaluator.SetAnisotropic(s, Value(values, _anisotropicSlot[b], _anisotropicStart[b]),
                        Value(values, _anisotropicSlot[b + 1], _anisotropicStart[b + 1]), Value(values, _anisotropicSlot[b + 2], _anisotropicStart[b + 2]),
                        Value(values, _anisotropicSlot[b + 3], _anisotropicStart[b + 3]), Value(values, _anisotropicSlot[b + 4], _anisotropicStart[b + 4]),
                        Value(values, _anisotropicSlot[b + 5], _anisotropicStart[b + 5]));
                }
                else
                {
                    evaluator.SetUiso(s, values[_displacementSlot[s]]);
                }
                for (int o = _occupantStart[s]; o < _occupantStart[s + 1]; o++)
                    evaluator.SetOccupancy(s, o - _occupantStart[s], values[_occupancySlot[o]] * _share[o]);
            }
            return true;
        }

        private static double Value(double[] values, int slot, double start) => slot >= 0 ? values[slot] : start;

        private static CellParameter CellOrderOf(ParameterId id) => id.Name switch
        {
            "a" => CellParameter.A, "b" => CellParameter.B, "c" => CellParameter.C,
            "alpha" => CellParameter.Alpha, "beta" => CellParameter.Beta, _ => CellParameter.Gamma,
        };
    }
}
