using System.Collections.Immutable;
using Crystallography.Intergrowth.Constraints;
using Crystallography.Intergrowth.Diffraction;
using Crystallography.Intergrowth.Diffraction.Kernels;
using Crystallography.Intergrowth.Symmetry;
using Simd = System.Numerics;

namespace Crystallography.Intergrowth.Refinement;

public sealed partial class RefinementProblem
{
    private const double DegreesPerRadian = 180 / Math.PI;
    private const double CellStep = 1e-4;        // Å or degrees, for the intensity part of a cell column
    private const double EightLn2 = 5.5451774444795624753378569716654;

    // One pattern: its fitted points, where its histogram parameters live, its reflections per phase,
    // the peak table and chain-rule entries of the current evaluation, and scratch.
    private sealed class PatternModel
    {
        private static readonly TchParameter[] TchParameters = Enum.GetValues<TchParameter>();
        private static readonly TofParameter[] TofParameters = Enum.GetValues<TofParameter>();
        private static readonly string[] ShiftNames = ["zero", "displacement", "transparency", "offset"];
        private static readonly string[] CalibrationNames = ["difc", "difa", "zero"];

        private readonly RefinementPattern _pattern;
        private readonly PhaseModel[] _phases;
        private readonly PatternPhase[] _perPhase;
        private readonly double[] _x, _sqrtWeight;
        private readonly Dictionary<string, int> _slot = [];
        private readonly Dictionary<string, int> _column = [];
        private readonly Dictionary<string, double> _start = [];
        private readonly int[] _profileSlot;
        private readonly double[] _profileStart;
        private readonly int _scaleColumn;
        private readonly (int Column, int Index)[] _shiftColumns;      // CW: zero, displacement, transparency, offset; TOF: difc, difa, zero
        private readonly (int Column, int Index)[] _profileColumns;    // TCH or TOF parameter index
        private readonly int _sOverLColumn, _hOverLColumn;
        private readonly int[] _backgroundSlot, _backgroundColumn;
        private readonly double[] _backgroundCoefficients;
        private readonly BackgroundBasis _basis;
        private readonly bool _timeOfFlight, _asymmetric;
        private readonly int _lines;
        private readonly double[] _wavelength = new double[2], _lineFactor = new double[2];
        private readonly ProfileKernelOptions _options;
        private int _entries;
        private readonly KernelWork _work;
        private readonly RangePartition _partition = new(KernelTeam.Shared.Workers);
        private readonly double _windowHalfWidth, _decayLengths;
        private readonly TofLorentzianConvention _tofLorentzian;

        // Peak table and chain-rule entries.
        private readonly double[] _position, _fwhm, _mixing, _intensity, _alpha, _beta, _sigmaSquared, _gamma;
        private readonly int[] _entryStart, _entryColumn;
        private readonly double[] _dI, _dP, _dA, _dB, _dC, _dD;
        private readonly double[] _structureGradient, _inverseDGradient = new double[6], _unitPerCell = new double[6];

        // The rows the peak columns can be non-zero on: the merged windows of the last evaluation with the Jacobian, as
        // runs [start, end) relative to Offset; and which columns the kernel accumulated into (see VariableMap).
        private readonly int[] _windowStart, _windowEnd, _runStart, _runEnd;
        private int _runs;
        private readonly bool[] _peakColumn;
        private readonly int[] _peakColumns;
        private int _peakColumnCount;

        private TchCoefficients _tch;
        private TofCoefficients _tof;
        private readonly double[] _profileValues;

        public PatternModel(RefinementPattern pattern, int offset, PhaseModel[] phases, Dictionary<ParameterId, int> slotOf,
                            ReducedParameterSpace space, PatternSimulatorOptions options)
        {
            _pattern = pattern;
            _phases = phases;
            Offset = offset;
            Count = pattern.FittedPoints.Length;
            _x = [.. pattern.FittedPoints.Select(i => pattern.X[i])];
            Observed = [.. pattern.FittedPoints.Select(i => pattern.Observed[i])];
            Weights = [.. pattern.FittedPoints.Select(i => pattern.Weights[i] * pattern.Weight)];
            _sqrtWeight = [.. Weights.Select(Math.Sqrt)];
            _timeOfFlight = pattern.IsTimeOfFlight;
            foreach (var name in pattern.ParameterNames)
            {
                var id = ParameterId.Histogram(pattern.Name, name);
                _slot[name] = slotOf.GetValueOrDefault(id, -1);
                _column[name] = space.IndexOf(id);
                _start[name] = pattern.StartingValue(name);
            }
            _scaleColumn = _column["scale"];
            string[] shiftNames = _timeOfFlight ? CalibrationNames : ShiftNames;
            _shiftColumns = [.. shiftNames.Select((n, i) => (_column[n], i)).Where(t => t.Item1 >= 0)];
            _profileColumns = _timeOfFlight
                ? [.. TofParameters.Select((p, i) => (_column[p.ToString()], i)).Where(t => t.Item1 >= 0)]
                : [.. TchParameters.Select((p, i) => (_column[p.ToString()], i)).Where(t => t.Item1 >= 0)];
            string[] profileNames = _timeOfFlight ? [.. TofParameters.Select(p => p.ToString())] : [.. TchParameters.Select(p => p.ToString())];
            _profileValues = new double[profileNames.Length];
            _profileSlot = [.. profileNames.Select(n => _slot[n])];
            _profileStart = [.. profileNames.Select(n => _start[n])];
            _sOverLColumn = _timeOfFlight ? -1 : _column["SL"];
            _hOverLColumn = _timeOfFlight ? -1 : _column["HL"];
            int terms = pattern.Background.Coefficients.Count;
            _backgroundSlot = [.. Enumerable.Range(0, terms).Select(k => slotOf[pattern.BackgroundCoefficient(k)])];
            _backgroundColumn = [.. Enumerable.Range(0, terms).Select(k => space.IndexOf(pattern.BackgroundCoefficient(k)))];
            _backgroundCoefficients = new double[terms];
            _basis = new BackgroundBasis(_x, pattern.Background.XMin, pattern.Background.XMax, terms);
            var instrument = pattern.Instrument;
            _asymmetric = !_timeOfFlight && (!instrument.Asymmetry.IsSymmetric || _sOverLColumn >= 0 || _hOverLColumn >= 0);
            _lines = 1;
            if (instrument.Radiation is ConstantWavelengthRadiation cw)
            {
                _wavelength[0] = cw.Wavelength;
                _lineFactor[0] = 1;
                if (cw is LaboratoryXRays { KAlpha2Ratio: > 0 } lab)
                {
                    _lines = 2;
                    _wavelength[1] = lab.KAlpha2;
                    _lineFactor[1] = lab.KAlpha2Ratio;
                }
            }
            _windowHalfWidth = options.WindowHalfWidth;
            _decayLengths = options.TimeOfFlightDecayLengths;
            _tofLorentzian = options.TimeOfFlightLorentzian;
            _options = new ProfileKernelOptions(_windowHalfWidth, ProfileKernelOptions.DefaultGaussianHalfWidth, options.VectorWidth);
            _work = new KernelWork(this);

            var (dMin, dMax) = DSpacingRange();
            var model = pattern.Scattering ?? ScatteringModel.For(instrument.Radiation);
            int peaks = 0, entries = 0, gradient = 1;
            int perPeakHistogram = (_scaleColumn >= 0 ? 1 : 0) + _shiftColumns.Length + _profileColumns.Length;
            _perPhase = new PatternPhase[phases.Length];
            for (int p = 0; p < phases.Length; p++)
            {
                var phase = phases[p];
                var strain = HydrostaticStrain.Terms(phase.Phase).Select(t =>
                {
                    var id = HydrostaticStrain.Parameter(pattern.Name, phase.Name, t.Name);
                    return (slotOf[id], space.IndexOf(id), t.Monomials.ToArray());
                }).ToArray();
                var broadening = PhaseBroadening.Terms(_timeOfFlight).Select((t, i) =>
                {
                    var id = PhaseBroadening.Parameter(pattern.Name, phase.Name, t);
                    int index = _timeOfFlight ? Array.IndexOf(TofParameters, PhaseBroadening.TimeOfFlightTerms[i]) : Array.IndexOf(TchParameters, PhaseBroadening.ConstantWavelengthTerms[i]);
                    return (slotOf[id], space.IndexOf(id), index);
                }).ToArray();
                var orientation = PreferredOrientation.Parameter(pattern.Name, phase.Name);
                var state = new PatternPhase(phase, ReflectionList.Generate(phase.Phase, dMin, dMax), model, peaks, strain,
                                             (slotOf[orientation], space.IndexOf(orientation)), pattern.PreferredOrientationAxis(phase.Name));
                if (state.Main.Parameters.Length != phase.StructureParameterCount)
                    throw new InvalidOperationException($"Phase '{phase.Name}': the structure-factor layout has {state.Main.Parameters.Length} entries; {phase.StructureParameterCount} were expected.");
                state.Broadening = broadening;
                _perPhase[p] = state;
                int perPeak = perPeakHistogram + (phase.ScaleColumn >= 0 ? 1 : 0) + (phase.FractionColumn >= 0 ? 1 : 0)
                              + phase.CellColumns.Length + phase.AtomColumns.Length + state.StrainColumns
                              + (state.OrientationColumn >= 0 ? 1 : 0) + broadening.Count(b => b.Item2 >= 0);
                peaks += state.Count * _lines;
                entries += state.Count * _lines * perPeak;
                gradient = Math.Max(gradient, phase.StructureParameterCount);
            }
            PeakCount = peaks;
            _position = new double[peaks];
            _fwhm = new double[peaks];
            _mixing = new double[peaks];
            _intensity = new double[peaks];
            _alpha = new double[_timeOfFlight ? peaks : 0];
            _beta = new double[_timeOfFlight ? peaks : 0];
            _sigmaSquared = new double[_timeOfFlight ? peaks : 0];
            _gamma = new double[_timeOfFlight ? peaks : 0];
            _entryStart = new int[peaks + 1];
            _entryColumn = new int[entries];
            _dI = new double[entries];
            _dP = new double[entries];
            _dA = new double[entries];
            _dB = new double[entries];
            _dC = new double[entries];
            _dD = new double[entries];
            _structureGradient = new double[gradient];
            _windowStart = new int[peaks];
            _windowEnd = new int[peaks];
            _runStart = new int[peaks];
            _runEnd = new int[peaks];
            _peakColumn = new bool[space.ParameterCount];
            _peakColumns = new int[space.ParameterCount];
        }

        public int Offset { get; }
        public int Count { get; }
        public int PeakCount { get; }
        public string Name => _pattern.Name;
        public bool IsTimeOfFlight => _timeOfFlight;
        public double[] Observed { get; }
        public double[] Weights { get; }

        // The background's parameter columns per term (−1 when not refined).
        public int[] BackgroundColumns => _backgroundColumn;

        // Whether the kernel accumulated into a column in the last evaluation with the Jacobian.
        public bool IsPeakColumn(int column) => _peakColumn[column];

        // The rows the peak columns can be non-zero on, relative to Offset.
        public int RunCount => _runs;

        // The parameter columns the kernel accumulated into in the last evaluation with the Jacobian.
        public ReadOnlySpan<int> PeakColumns => _peakColumns.AsSpan(0, _peakColumnCount);

        public (int From, int To) Run(int index) => (_runStart[index], _runEnd[index]);

        // J_p's background columns on this pattern's rows: the basis, which does not change (see VariableMap).
        public void WriteBackgroundColumns(double[] parameterJacobian, int stride)
        {
            var columns = _basis.Columns();
            for (int k = 0; k < _backgroundColumn.Length; k++)
                if (_backgroundColumn[k] >= 0) columns.AsSpan(k * Count, Count).CopyTo(parameterJacobian.AsSpan(_backgroundColumn[k] * stride + Offset, Count));
        }

        public bool Calculate(double[] values, bool jacobian, int stride, double[] calculated, double[] background, double[] parameterJacobian)
        {
            if (!LoadProfile(values)) return false;
            for (int p = 0; p < _phases.Length; p++)
            {
                var phase = _phases[p];
                var state = _perPhase[p];
                if (!phase.Apply(state.Main, values)) return false;
                if (!jacobian || state.Isotropic) continue;
                for (int c = 0; c < phase.CellColumns.Length; c++)
                {
                    var direction = phase.CellColumns[c].Coefficients;
                    if (!(phase.Apply(state.Up[c], values, direction, CellStep) && phase.Apply(state.Down[c], values, direction, -CellStep)))
                        return false;
                }
            }
            int entry = 0;
            for (int p = 0; p < _phases.Length; p++)
                if (!Fill(values, _phases[p], _perPhase[p], jacobian, ref entry)) return false;
            _entryStart[PeakCount] = entry;

            _entries = entry;
            if (jacobian)
            {
                ClearPeakRows(stride, parameterJacobian);
                if (!FindPeakRows(values, entry)) return false;
            }
            if (!AccumulatePeaks(values, jacobian, entry, stride, calculated, jacobian ? parameterJacobian : null)) return false;

            for (int k = 0; k < _backgroundSlot.Length; k++) _backgroundCoefficients[k] = values[_backgroundSlot[k]];
            return _basis.AddTo(_backgroundCoefficients, background.AsSpan(Offset, Count), calculated.AsSpan(Offset, Count));
        }

        // Zeros the peak columns over the rows the last evaluation's kernel could write: J_p's peak columns are then zero
        // on this pattern's rows, as the kernel expects (it accumulates).
        private void ClearPeakRows(int stride, double[] parameterJacobian)
        {
            for (int c = 0; c < _peakColumnCount; c++)
            {
                int column = _peakColumns[c];
                _peakColumn[column] = false;
                for (int r = 0; r < _runs; r++)
                    parameterJacobian.AsSpan(column * stride + Offset + _runStart[r], _runEnd[r] - _runStart[r]).Clear();
            }
            _peakColumnCount = 0;
            _runs = 0;
        }

        // The columns the kernel will accumulate into (the chain-rule entries' and, for FCJ, S/L and H/L), and the rows
        // it can touch: every peak's window as the kernels find it (PeakWindow's arithmetic), widened by a point on each
        // side against a rounding difference at an edge, merged into runs. Set before the kernel runs, so that a kernel
        // stopped by an exception leaves nothing outside them.
        private bool FindPeakRows(double[] values, int entries)
        {
            for (int e = 0; e < entries; e++) MarkPeakColumn(_entryColumn[e]);
            FcjAsymmetry asymmetry = default;
            if (_asymmetric)
            {
                double sOverL = Value(values, "SL"), hOverL = Value(values, "HL");
                if (!(sOverL >= 0) || !(hOverL >= 0) || !double.IsFinite(sOverL) || !double.IsFinite(hOverL)) return false;
                asymmetry = new FcjAsymmetry(sOverL, hOverL);
                MarkPeakColumn(_sOverLColumn);
                MarkPeakColumn(_hOverLColumn);
            }
            int windows = 0;
            for (int g = 0; g < PeakCount; g++)
            {
                PeakWindow window;
                try
                {
                    window = _timeOfFlight
                        ? PeakWindow.ForTof(_position[g], _fwhm[g], _alpha[g], _beta[g], _windowHalfWidth, _decayLengths)
                        : _asymmetric ? PeakWindow.ForFcj(_position[g], _fwhm[g], asymmetry, _windowHalfWidth)
                        : PeakWindow.Symmetric(_position[g], _fwhm[g], _windowHalfWidth);
                }
                catch (ArgumentException)
                {
                    return false;   // a peak the kernel would reject too (AccumulateBlocks): the trial step is rejected
                }
                var (start, length) = window.IndexRange(_x);
                if (length == 0) continue;
                _windowStart[windows] = Math.Max(0, start - 1);
                _windowEnd[windows] = Math.Min(Count, start + length + 1);
                windows++;
            }
            _windowStart.AsSpan(0, windows).Sort(_windowEnd.AsSpan(0, windows));
            int runs = 0;
            for (int w = 0; w < windows; w++)
            {
                if (runs > 0 && _windowStart[w] <= _runEnd[runs - 1])
                {
                    _runEnd[runs - 1] = Math.Max(_runEnd[runs - 1], _windowEnd[w]);
                    continue;
                }
                _runStart[runs] = _windowStart[w];
                _runEnd[runs] = _windowEnd[w];
                runs++;
            }
            _runs = runs;
            return true;
        }

        private void MarkPeakColumn(int column)
        {
            if (column < 0 || _peakColumn[column]) return;
            _peakColumn[column] = true;
            _peakColumns[_peakColumnCount++] = column;
        }

        // The profile kernel over the peak table: symmetric pseudo-Voigt, FCJ-asymmetric or TOF.
        private bool AccumulatePeaks(double[] values, bool jacobian, int entries, int stride, double[] calculated, double[]? parameterJacobian)
        {
            if (_timeOfFlight || _asymmetric) return AccumulateBlocks(values, jacobian, entries, stride, calculated, parameterJacobian);
            var y = calculated.AsSpan(Offset, Count);
            var peaks = new PseudoVoigtPeaks(_position, _fwhm, _mixing, _intensity);
            if (jacobian)
            {
                var chain = new PeakParameterDerivatives(_entryStart, _entryColumn.AsSpan(0, entries), _dI.AsSpan(0, entries), _dP.AsSpan(0, entries),
                                                          _dA.AsSpan(0, entries), _dB.AsSpan(0, entries));
                PseudoVoigtProfileKernel.AccumulateProfileAndJacobian(_x, peaks, chain, _options, stride, y, parameterJacobian.AsSpan(Offset));
            }
            else
            {
                PseudoVoigtProfileKernel.AccumulateProfile(_x, peaks, _options, y);
            }
            return true;
        }

        // FCJ and TOF patterns go through KernelBlock. A TOF kernel costs about 90 ns per point and peak, so its points are
        // spread over the cores (KernelTeam.Shared), each block running the kernel on its slice of the pattern — bitwise the
        // numbers of one call: the NAC POWGEN refinements ran 1.5–1.6 times faster. FCJ (1.6 ns per point and node) runs on
        // the calling thread: on the PbSO4 laboratory pattern the team gained nothing measurable (`demo pbso4`, medians of
        // 5 runs 1.43 s against 1.40 s), and the symmetric kernel (0.8 ns) has less still to gain.
        private bool AccumulateBlocks(double[] values, bool jacobian, int entries, int stride, double[] calculated, double[]? parameterJacobian)
        {
            if (_asymmetric)
            {
                double sOverL = Value(values, "SL"), hOverL = Value(values, "HL");
                if (!(sOverL >= 0) || !(hOverL >= 0) || !double.IsFinite(sOverL) || !double.IsFinite(hOverL)) return false;
                _work.Asymmetry = new FcjAsymmetry(sOverL, hOverL);
            }
            _work.Calculated = calculated;
            _work.Jacobian = jacobian ? parameterJacobian : null;
            _work.Entries = entries;
            _work.Stride = stride;
            try
            {
                if (_timeOfFlight) KernelTeam.Shared.Run(_work, Count, _partition);
                else _work.Run(0, Count);
            }
            catch (ArgumentException)
            {
                return false;   // a position, width or decay constant driven out of range by a trial step: rejected
            }
            finally
            {
                _work.Calculated = [];
                _work.Jacobian = null;
            }
            return true;
        }

        // The points [from, to) of an FCJ or TOF pattern: the kernel on those slices of x, y and the Jacobian rows.
        private void KernelBlock(KernelWork work, int from, int to)
        {
            int length = to - from;
            var x = _x.AsSpan(from, length);
            var y = work.Calculated.AsSpan(Offset + from, length);
            bool jacobian = work.Jacobian is not null;
            var columns = jacobian ? work.Jacobian.AsSpan(Offset + from) : default;
            int entries = work.Entries;
            if (_timeOfFlight)
            {
                var peaks = new TofPeaks(_position, _alpha, _beta, _sigmaSquared, _gamma, _intensity);
                var options = new TofProfileKernelOptions(_windowHalfWidth, _decayLengths, _tofLorentzian, _options.VectorWidth);
                if (jacobian)
                    TofProfileKernel.AccumulateProfileAndJacobian(x, peaks,
                        new TofPeakParameterDerivatives(_entryStart, _entryColumn.AsSpan(0, entries), _dI.AsSpan(0, entries), _dP.AsSpan(0, entries),
                                                        _dA.AsSpan(0, entries), _dB.AsSpan(0, entries), _dC.AsSpan(0, entries), _dD.AsSpan(0, entries)),
                        options, work.Stride, y, columns);
                else
                    TofProfileKernel.AccumulateProfile(x, peaks, options, y);
                return;
            }
            var pv = new PseudoVoigtPeaks(_position, _fwhm, _mixing, _intensity);
            if (jacobian)
                FcjProfileKernel.AccumulateProfileAndJacobian(x, pv, work.Asymmetry,
                    new PeakParameterDerivatives(_entryStart, _entryColumn.AsSpan(0, entries), _dI.AsSpan(0, entries), _dP.AsSpan(0, entries),
                                                 _dA.AsSpan(0, entries), _dB.AsSpan(0, entries)),
                    _sOverLColumn, _hOverLColumn, _options, work.Stride, y, columns);
            else
                FcjProfileKernel.AccumulateProfile(x, pv, work.Asymmetry, _options, y);
        }

        // What a block of an FCJ or TOF pattern needs, set before each call (one per pattern, reused: nothing allocated).
        private sealed class KernelWork(PatternModel owner) : IRangeWork
        {
            public double[] Calculated = [];
            public double[]? Jacobian;
            public int Entries, Stride;
            public FcjAsymmetry Asymmetry;

            public void Run(int from, int to) => owner.KernelBlock(this, from, to);
        }

        // The kernel alone again on the last evaluation's peak table, added into the buffers (for the benchmarks that
        // measure the kernel's share of a cycle).
        internal void RepeatKernel(double[] values, int stride, double[] calculated, double[] parameterJacobian) =>
            AccumulatePeaks(values, true, _entries, stride, calculated, parameterJacobian);

        // The first line's position and the indices of each reflection of one phase, from the last evaluation.
        public ImmutableArray<ReflectionTick> Ticks(int phaseIndex)
        {
            var state = _perPhase[phaseIndex];
            var ticks = ImmutableArray.CreateBuilder<ReflectionTick>(state.Count);
            for (int r = 0; r < state.Count; r++)
                ticks.Add(new ReflectionTick(_position[state.Offset + r * _lines], new MillerIndex(state.H[r], state.K[r], state.L[r])));
            return ticks.MoveToImmutable();
        }

        // Per reflection of one phase, its profile (every line) times its intensity over the fitted points, from the
        // peak table of the last evaluation. Not on the refinement's path: allocates.
        public List<ReflectionWindow> ReflectionWindows(double[] values, int phaseIndex)
        {
            var state = _perPhase[phaseIndex];
            double sOverL = _timeOfFlight ? 0 : Value(values, "SL"), hOverL = _timeOfFlight ? 0 : Value(values, "HL");
            var windows = new List<ReflectionWindow>(state.Count);
            for (int r = 0; r < state.Count; r++)
            {
                int first = int.MaxValue, last = -1;
                var parts = new List<(int Start, double[] Values)>();
                for (int line = 0; line < _lines; line++)
                {
                    int g = state.Offset + r * _lines + line;
                    PeakWindow window = _timeOfFlight
                        ? PeakWindow.ForTof(_position[g], _fwhm[g], _alpha[g], _beta[g], _windowHalfWidth, _decayLengths)
                        : _asymmetric ? PeakWindow.ForFcj(_position[g], _fwhm[g], new FcjAsymmetry(sOverL, hOverL), _windowHalfWidth)
                        : PeakWindow.Symmetric(_position[g], _fwhm[g], _windowHalfWidth);
                    var (start, length) = window.IndexRange(_x);
                    if (length == 0) continue;
                    var x = _x.AsSpan(start, length);
                    var v = new double[length];
                    if (_timeOfFlight) TofPeakShape.Evaluate(x, _position[g], _alpha[g], _beta[g], _sigmaSquared[g], _gamma[g], v, _tofLorentzian);
                    else if (_asymmetric) FcjPeakShape.Evaluate(x, _position[g], _fwhm[g], _mixing[g], sOverL, hOverL, v);
                    else PseudoVoigt.Evaluate(x, _position[g], _fwhm[g], _mixing[g], v);
                    for (int i = 0; i < length; i++) v[i] *= _intensity[g];
                    parts.Add((start, v));
                    first = Math.Min(first, start);
                    last = Math.Max(last, start + length - 1);
                }
                if (last < 0)
                {
                    windows.Add(new ReflectionWindow(0, ReadOnlyMemory<double>.Empty));
                    continue;
                }
                var contributions = new double[last - first + 1];
                foreach (var (start, v) in parts)
                    for (int i = 0; i < v.Length; i++) contributions[start - first + i] += v[i];
                windows.Add(new ReflectionWindow(first, contributions));
            }
            return windows;
        }

        public void WeightedResiduals(double[] calculated, Span<double> residuals)
        {
            var w = _sqrtWeight.AsSpan();
            var observed = Observed.AsSpan();
            var y = calculated.AsSpan(Offset, Count);
            var r = residuals.Slice(Offset, Count);
            int i = 0;
            if (Simd.Vector.IsHardwareAccelerated)
                for (; i <= Count - Simd.Vector<double>.Count; i += Simd.Vector<double>.Count)
                    (new Simd.Vector<double>(w[i..]) * (new Simd.Vector<double>(observed[i..]) - new Simd.Vector<double>(y[i..]))).CopyTo(r[i..]);
            for (; i < Count; i++) r[i] = w[i] * (observed[i] - y[i]);
        }

        // √w per point: the rows' factors of the weighted Jacobian.
        public double[] SquareRootWeights => _sqrtWeight;

        private double Value(double[] values, string name)
        {
            int slot = _slot[name];
            return slot >= 0 ? values[slot] : _start[name];
        }

        // The profile coefficients at the current values (values, not objects: nothing is allocated).
        private bool LoadProfile(double[] values)
        {
            var v = _profileValues;
            if (_timeOfFlight)
            {
                for (int i = 0; i < v.Length; i++) v[i] = _profileSlot[i] >= 0 ? values[_profileSlot[i]] : _profileStart[i];
                _tof = new TofCoefficients(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
                return _tof.IsValid;
            }
            for (int i = 0; i < v.Length; i++) v[i] = _profileSlot[i] >= 0 ? values[_profileSlot[i]] : _profileStart[i];
            _tch = new TchCoefficients(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            return _tch.IsValid;
        }

        private (double DMin, double DMax) DSpacingRange()
        {
            double lo = _x[0], hi = _x[^1], pad = 0.1 * (hi - lo);
            var radiation = _pattern.Instrument.Radiation;
            if (radiation is TimeOfFlightNeutrons tof)
            {
                // Below the range, at most a quarter of the first point's time of flight: a peak's window (±20 FWHM
                // plus 10 decay lengths) is a few per cent of its time, while 10 % of a long range can reach d → 0.
                lo = Math.Max(lo - Math.Min(pad, 0.25 * (lo - tof.Zero)), tof.Zero + 1e-3 * tof.Difc);
                return tof.DSpacingRange(lo, hi + pad);
            }
            var cw = (ConstantWavelengthRadiation)radiation;
            double zero = _pattern.Instrument.ZeroShift;
            lo = Math.Clamp(lo - zero - pad, 1e-3, 178);
            hi = Math.Clamp(hi - zero + pad, lo + 1e-3, 178);
            var (dMin, dMax) = cw.DSpacingRange(lo, hi);
            // Every line of every reflection stays below 2θ = 178°.
            dMin = Math.Max(dMin, cw.LongestWavelength / (2 * Math.Sin(89.0 / DegreesPerRadian)));
            return (dMin, Math.Min(dMax, 1000));
        }

        private void Add(ref int entry, int column, double dI, double dP, double dA, double dB, double dC = 0, double dD = 0)
        {
            _entryColumn[entry] = column;
            _dI[entry] = dI;
            _dP[entry] = dP;
            _dA[entry] = dA;
            _dB[entry] = dB;
            _dC[entry] = dC;
            _dD[entry] = dD;
            entry++;
        }

        private bool Fill(double[] values, PhaseModel phase, PatternPhase state, bool jacobian, ref int entry)
        {
            var radiation = _pattern.Instrument.Radiation;
            double scale = Value(values, "scale");
            double amount = phase.Amount;
            var cell = phase.Cell;
            bool cellColumns = jacobian && phase.CellColumns.Length > 0;
            bool spacingColumns = cellColumns || (jacobian && state.StrainColumns > 0);
            bool atomColumns = jacobian && phase.AtomColumns.Length > 0;
            double volume = phase.Volume;
            double zero = Value(values, "zero");
            double displacement = 0, transparency = 0, offset = 0, difc = 0, difa = 0;
            if (_timeOfFlight)
            {
                difc = Value(values, "difc");
                difa = Value(values, "difa");
                if (!(difc > 0)) return false;
            }
            else
            {
                displacement = Value(values, "displacement");
                transparency = Value(values, "transparency");
                offset = Value(values, "offset");
            }
            var increment = state.StrainIncrement;
            Array.Clear(increment);
            bool strained = false;
            foreach (var (slot, _, monomials) in state.Strain)
            {
                double value = values[slot];
                if (value == 0) continue;
                strained = true;
                for (int t = 0; t < 6; t++) increment[t] += value * monomials[t];
            }
            // The phase's own profile: the pattern's coefficients plus its broadening increments (values: nothing allocated).
            var tch = _tch;
            var tof = _tof;
            var broadening = state.Broadening;
            if (_timeOfFlight)
            {
                tof = PhaseBroadening.Add(_tof, values[broadening[0].Slot], values[broadening[1].Slot]);
                if (!tof.IsValid) return false;
            }
            else
            {
                tch = PhaseBroadening.Add(_tch, values[broadening[0].Slot], values[broadening[1].Slot], values[broadening[2].Slot]);
                if (!tch.IsValid) return false;
            }
            // March–Dollase: the ratio, and the cells moved along each cell column (the factor follows the cell through α).
            double ratio = values[state.OrientationSlot];
            bool oriented = ratio != 1 || (jacobian && state.OrientationColumn >= 0);
            if (oriented && !(ratio > 0 && double.IsFinite(ratio))) return false;
            if (oriented && cellColumns && !MovedCells(phase, state)) return false;
            for (int r = 0; r < state.Count; r++)
            {
                int h = state.H[r], k = state.K[r], l = state.L[r];
                var hkl = new MillerIndex(h, k, l);
                double po = 1, poPerRatio = 0;
                if (oriented) (po, poPerRatio) = state.Orientation(r, cell, ratio);
                double q = cell.InverseDSquared(h, k, l);
                if (strained) q += Monomial(increment, h, k, l);
                if (!(q > 0)) return false;
                double d = 1 / Math.Sqrt(q);
                double f2 = atomColumns ? state.Main.SquaredModulus(hkl, _structureGradient) : state.Main.SquaredModulus(hkl);
                double lp = radiation.LorentzPolarisationFactor(d);
                double m = state.Multiplicity[r];
                double unit = m * f2 * lp * po;               // I per S·K
                double intensity = scale * amount * unit;
                if (cellColumns)
                {
                    // ∂(m|F|²L)/∂(column) along each cell column, |F|² at the moved cell (form factors, Debye–Waller
                    // and anisotropic β all follow it) and L at the moved d (first order in the move).
                    cell.InverseDSquaredGradient(h, k, l, _inverseDGradient);
                    for (int c = 0; c < phase.CellColumns.Length; c++)
                    {
                        var direction = phase.CellColumns[c].Coefficients;
                        double dq = 0;
                        for (int t = 0; t < 6; t++) dq += direction[t] * _inverseDGradient[t];
                        // Isotropic sites: the phase sums do not move with the cell, only f(s) and the Debye–Waller
                        // factors, taken at the moved spacing from the main evaluation's sums.
                        double f2Up = state.Isotropic ? state.Main.SquaredModulusAtSpacing(hkl, q + CellStep * dq) : state.Up[c].SquaredModulus(hkl);
                        double f2Down = state.Isotropic ? state.Main.SquaredModulusAtSpacing(hkl, q - CellStep * dq) : state.Down[c].SquaredModulus(hkl);
                        double gUp = f2Up * radiation.LorentzPolarisationFactor(1 / Math.Sqrt(q + CellStep * dq));
                        double gDown = f2Down * radiation.LorentzPolarisationFactor(1 / Math.Sqrt(q - CellStep * dq));
                        if (oriented)
                        {
                            gUp *= state.Orientation(r, state.MovedUp[c], ratio).Factor;
                            gDown *= state.Orientation(r, state.MovedDown[c], ratio).Factor;
                        }
                        _unitPerCell[c] = m * (gUp - gDown) / (2 * CellStep);
                    }
                }
                for (int line = 0; line < _lines; line++)
                {
                    int g = state.Offset + r * _lines + line;
                    _entryStart[g] = entry;
                    double factor = _timeOfFlight ? 1 : _lineFactor[line];
                    double peakIntensity = factor * intensity;
                    _intensity[g] = peakIntensity;
                    double dPdD, dAdD = 0, dBdD = 0, dCdD = 0, dDdD = 0;
                    TchPeakWidths widths = default;
                    TofPeakParameters shape = default;
                    double theta = 0, shiftSlope = 0;
                    double d2 = d * d;
                    bool gammaClamped = false;
                    if (_timeOfFlight)
                    {
                        double difb = _pattern.Instrument.DifB;
                        _position[g] = zero + difc * d + difa * d2 + difb / d;
                        dPdD = difc + 2 * difa * d - difb / d2;
                        shape = tof.ParametersAt(d, difc);
                        gammaClamped = shape.Gamma < 0;
                        double gamma = Math.Max(0, shape.Gamma);
                        if (!(shape.Alpha > 0) || !(shape.Beta > 0)) return false;
                        _alpha[g] = shape.Alpha;
                        _beta[g] = shape.Beta;
                        _sigmaSquared[g] = shape.SigmaSquared;
                        _gamma[g] = gamma;
                        var combined = TofPeakShape.Widths(shape.SigmaSquared, gamma);
                        _fwhm[g] = combined.Fwhm;
                        _mixing[g] = combined.Mixing;
                        if (spacingColumns) (dAdD, dBdD, dCdD, dDdD) = TofShapeSlope(tof, d, difc, shape, gammaClamped);
                    }
                    else
                    {
                        double lambda = _wavelength[line];
                        double bragg = ConstantWavelengthRadiation.TwoTheta(d, lambda);
                        if (!(bragg > 0 && bragg < 180)) return false;
                        theta = bragg / 2 / DegreesPerRadian;
                        double cos = Math.Cos(theta), sin2 = Math.Sin(2 * theta), cos2 = Math.Cos(2 * theta);
                        _position[g] = bragg + zero + displacement * cos + transparency * sin2 + offset * cos2;
                        widths = tch.WidthsAt(bragg, lambda);
                        _fwhm[g] = widths.Fwhm;
                        _mixing[g] = widths.Mixing;
                        // d(2θ)/dd = −λ/(d² cos θ) rad per Å; the shifts move with 2θ as well.
                        double dBraggdD = -DegreesPerRadian * lambda / (d2 * cos);
                        shiftSlope = (-0.5 * displacement * Math.Sin(theta) + transparency * cos2 - offset * sin2) / DegreesPerRadian;
                        dPdD = dBraggdD * (1 + shiftSlope);
                        if (spacingColumns)
                        {
                            var (dH, dEta) = widths.DerivativeWithTwoTheta();
                            dAdD = dH * dBraggdD;
                            dBdD = dEta * dBraggdD;
                        }
                    }
                    if (!double.IsFinite(_position[g]) || !(_fwhm[g] > 0) || !double.IsFinite(_fwhm[g]) || !double.IsFinite(_mixing[g])
                        || !double.IsFinite(peakIntensity))
                        return false;
                    if (!jacobian) continue;

                    if (_scaleColumn >= 0) Add(ref entry, _scaleColumn, factor * amount * unit, 0, 0, 0);
                    if (phase.ScaleColumn >= 0) Add(ref entry, phase.ScaleColumn, factor * scale * phase.AmountPerScale * unit, 0, 0, 0);
                    if (phase.FractionColumn >= 0) Add(ref entry, phase.FractionColumn, factor * scale * phase.AmountPerFraction * unit, 0, 0, 0);
                    foreach (var (column, index) in _shiftColumns)
                    {
                        double dP = _timeOfFlight
                            ? index switch { 0 => d, 1 => d2, _ => 1 }
                            : index switch { 0 => 1, 1 => Math.Cos(theta), 2 => Math.Sin(2 * theta), _ => Math.Cos(2 * theta) };
                        if (_timeOfFlight && index == 0)
                        {
                            var (dS, dG) = TofShapePerDifc(tof, d, difc, gammaClamped);
                            Add(ref entry, column, 0, dP, 0, 0, dS, dG);
                        }
                        else
                        {
                            Add(ref entry, column, 0, dP, 0, 0);
                        }
                    }
                    foreach (var (_, column, index) in broadening)
                    {
                        if (column < 0) continue;
                        if (_timeOfFlight)
                        {
                            var (a, be, sg, gm) = shape.Derivative(TofParameters[index]);
                            Add(ref entry, column, 0, 0, a, be, sg, gammaClamped ? 0 : gm);
                        }
                        else
                        {
                            var (dH, dEta) = widths.Derivative(TchParameters[index]);
                            Add(ref entry, column, 0, 0, dH, dEta);
                        }
                    }
                    foreach (var (column, index) in _profileColumns)
                    {
                        if (_timeOfFlight)
                        {
                            var (a, b, s, gm) = shape.Derivative(TofParameters[index]);
                            Add(ref entry, column, 0, 0, a, b, s, gammaClamped ? 0 : gm);
                        }
                        else
                        {
                            var (dH, dEta) = widths.Derivative(TchParameters[index]);
                            Add(ref entry, column, 0, 0, dH, dEta);
                        }
                    }
                    for (int c = 0; c < phase.CellColumns.Length; c++)
                    {
                        var (column, coefficients) = phase.CellColumns[c];
                        double dq = 0, dV = 0;
                        for (int t = 0; t < 6; t++)
                        {
                            dq += coefficients[t] * _inverseDGradient[t];
                            dV += coefficients[t] * phase.VolumeGradient[t];
                        }
                        double dd = -0.5 * d * d2 * dq;                 // d = q^(−1/2)
                        double dI = factor * scale * amount * _unitPerCell[c];
                        if (phase.HasFraction) dI -= peakIntensity * dV / volume;
                        Add(ref entry, column, dI, dPdD * dd, dAdD * dd, dBdD * dd, dCdD * dd, dDdD * dd);
                    }
                    foreach (var (_, column, monomials) in state.Strain)
                    {
                        if (column < 0) continue;
                        // 1/d² moves by the monomial; the intensity follows through L(d) only (|F|² keeps the cell's d).
                        double dq = Monomial(monomials, h, k, l);
                        double step = 1e-6 * q;
                        double lUp = radiation.LorentzPolarisationFactor(1 / Math.Sqrt(q + step * dq));
                        double lDown = radiation.LorentzPolarisationFactor(1 / Math.Sqrt(q - step * dq));
                        double dI = factor * scale * amount * m * f2 * po * (lUp - lDown) / (2 * step);
                        double dd = -0.5 * d * d2 * dq;
                        Add(ref entry, column, dI, dPdD * dd, dAdD * dd, dBdD * dd, dCdD * dd, dDdD * dd);
                    }
                    foreach (var (column, terms) in phase.AtomColumns)
                    {
                        double df2 = 0;
                        foreach (var (index, coefficient) in terms) df2 += coefficient * _structureGradient[index];
                        Add(ref entry, column, factor * scale * amount * m * lp * po * df2, 0, 0, 0);
                    }
                    if (state.OrientationColumn >= 0)
                        Add(ref entry, state.OrientationColumn, factor * scale * amount * m * f2 * lp * poPerRatio, 0, 0, 0);
                }
            }
            return true;
        }

        // The phase's cell moved by ±CellStep along each cell column (for the March–Dollase factor's part of a cell column).
        private static bool MovedCells(PhaseModel phase, PatternPhase state)
        {
            var v = phase.CellValues;
            for (int c = 0; c < phase.CellColumns.Length; c++)
            {
                var u = phase.CellColumns[c].Coefficients;
                for (int sign = -1; sign <= 1; sign += 2)
                {
                    double t = sign * CellStep;
                    if (!CellGeometry.TryCreate(v[0] + t * u[0], v[1] + t * u[1], v[2] + t * u[2], v[3] + t * u[3], v[4] + t * u[4], v[5] + t * u[5],
                                                out var moved))
                        return false;
                    if (sign < 0) state.MovedDown[c] = moved;
                    else state.MovedUp[c] = moved;
                }
            }
            return true;
        }

        private static double Monomial(double[] c, int h, int k, int l) =>
            c[0] * h * h + c[1] * k * k + c[2] * l * l + c[3] * h * k + c[4] * h * l + c[5] * k * l;

        // ∂α/∂d, ∂β/∂d, ∂σ²/∂d, ∂γ/∂d of the TOF profile at fixed parameters (the cell moves d).
        private static (double, double, double, double) TofShapeSlope(TofCoefficients p, double d, double difc, TofPeakParameters shape, bool gammaClamped)
        {
            double d2 = d * d;
            double size = 1e-4 * difc * d2 / p.CrystalliteSize, strain = 1e-6 * difc * d * p.Microstrain;
            double ms = p.SizeLorentzianFraction, me = p.StrainLorentzianFraction;
            double sizePerD = 2 * size / d, strainPerD = strain / d;
            double alpha = -p.Alpha1 / d2;
            double beta = -4 * p.Beta1 / (d2 * d2 * d) - 2 * p.BetaQ / (d2 * d);
            double sigma = 2 * p.Sigma1Squared * d + 4 * p.Sigma2Squared * d2 * d + p.SigmaQSquared
                + 2 * ((1 - ms) * (1 - ms) * size * sizePerD + (1 - me) * (1 - me) * strain * strainPerD) / EightLn2;
            double gamma = p.Gamma1 + 2 * p.Gamma2 * d + ms * sizePerD + me * strainPerD;
            bool floored = shape.SigmaSquared <= TofProfile.MinimumSigmaSquared;
            return (alpha, beta, floored ? 0 : sigma, gammaClamped ? 0 : gamma);
        }

        // ∂σ²/∂DIFC and ∂γ/∂DIFC through the size and strain widths (both ∝ DIFC).
        private static (double, double) TofShapePerDifc(TofCoefficients p, double d, double difc, bool gammaClamped)
        {
            double size = 1e-4 * difc * d * d / p.CrystalliteSize, strain = 1e-6 * difc * d * p.Microstrain;
            double ms = p.SizeLorentzianFraction, me = p.StrainLorentzianFraction;
            double sigma = 2 * ((1 - ms) * (1 - ms) * size * size + (1 - me) * (1 - me) * strain * strain) / (EightLn2 * difc);
            double gamma = (ms * size + me * strain) / difc;
            return (sigma, gammaClamped ? 0 : gamma);
        }
    }

    // One phase in one pattern: its reflections and its evaluators (current, and the cell moved ± along each cell column).
    private sealed class PatternPhase
    {
        private int[]? _equivalentStart;
        private MillerIndex[]? _equivalents;
        private readonly SpaceGroup _spaceGroup;

        public PatternPhase(PhaseModel phase, ReflectionList reflections, ScatteringModel model, int firstPeak,
                            (int Slot, int Column, double[] Monomials)[] strain, (int Slot, int Column) orientation, MillerIndex axis)
        {
            Strain = strain;
            (OrientationSlot, OrientationColumn) = orientation;
            Axis = axis;
            _spaceGroup = phase.Phase.SpaceGroup;
            MovedUp = new CellGeometry[phase.CellColumns.Length];
            MovedDown = new CellGeometry[phase.CellColumns.Length];
            StrainColumns = strain.Count(t => t.Column >= 0);
            Offset = firstPeak;
            Count = reflections.Count;
            H = reflections.H.ToArray();
            K = reflections.K.ToArray();
            L = reflections.L.ToArray();
            Multiplicity = reflections.Multiplicity.ToArray();
            Main = new StructureFactorEvaluator(phase.Phase, model);
            Isotropic = !Main.HasAnisotropicSites;
            Up = [.. phase.CellColumns.Select(_ => new StructureFactorEvaluator(phase.Phase, model))];
            Down = [.. phase.CellColumns.Select(_ => new StructureFactorEvaluator(phase.Phase, model))];
        }

        public int Offset { get; }
        public int Count { get; }
        // No anisotropic site: cell derivatives of |F|² from the main evaluator's phase sums (Up/Down not needed).
        public bool Isotropic { get; }
        public int[] H { get; }
        public int[] K { get; }
        public int[] L { get; }
        public int[] Multiplicity { get; }
        public StructureFactorEvaluator Main { get; }
        public StructureFactorEvaluator[] Up { get; }
        public (int Slot, int Column, double[] Monomials)[] Strain { get; }
        public int StrainColumns { get; }
        public double[] StrainIncrement { get; } = new double[6];
        public StructureFactorEvaluator[] Down { get; }
        public int OrientationSlot { get; }
        public (int Slot, int Column, int ProfileIndex)[] Broadening { get; set; } = [];
        public int OrientationColumn { get; }
        public MillerIndex Axis { get; }
        public CellGeometry[] MovedUp { get; }
        public CellGeometry[] MovedDown { get; }

        // The March–Dollase factor of reflection r (the mean over its equivalents, Friedel mates included) and ∂/∂r.
        public (double Factor, double PerRatio) Orientation(int r, in CellGeometry cell, double ratio)
        {
            if (_equivalents is null) BuildEquivalents();
            double factor = 0, perRatio = 0;
            int from = _equivalentStart![r], to = _equivalentStart[r + 1];
            for (int e = from; e < to; e++)
            {
                var (f, df) = PreferredOrientation.Factor(ratio, PreferredOrientation.CosSquared(cell, _equivalents![e], Axis));
                factor += f;
                perRatio += df;
            }
            return (factor / (to - from), perRatio / (to - from));
        }

        private void BuildEquivalents()
        {
            var start = new int[Count + 1];
            var list = new List<MillerIndex>();
            for (int r = 0; r < Count; r++)
            {
                start[r] = list.Count;
                list.AddRange(_spaceGroup.EquivalentReflections(new MillerIndex(H[r], K[r], L[r]), includeFriedelMates: true));
            }
            start[Count] = list.Count;
            _equivalentStart = start;
            _equivalents = [.. list];
        }
    }
}
