using MathNet.Numerics.Distributions;
using Vigil.Core.Data;
using Vigil.Core.Evaluation;
using Vigil.Core.Statistics;

namespace Vigil.Core.Slicing;

/// <summary>
/// Automatic discovery of the weakest slices (<c>--find-slices</c>) with SliceLine (Sagadeeva &amp; Boehm,
/// "SliceLine: Fast, Linear-Algebra-based Slice Finding for ML Model Debugging", SIGMOD 2021).
/// <para>
/// A slice S is a conjunction of up to <see cref="WeakSliceSettings.MaxLevel"/> predicates on distinct feature
/// columns (a category, a numeric quantile bin, or missing). With per-row errors e (0/1 misclassification or a
/// regression error), n rows and ē the mean error, its score is
/// sc(S) = α·(ē_S/ē − 1) − (1−α)·(n/|S| − 1): positive when the slice's error exceeds the average by more than its
/// smallness costs. Slices need |S| ≥ σ = ⌈min_support·n⌉ rows and a positive error sum; the top K with sc &gt; 0 are returned.
/// </para>
/// <para>
/// Enumeration is level-wise over the lattice. A level-L candidate is generated once (a level-(L−1) slice extended
/// by a predicate of larger id on a new column) and kept only when all L of its parents are valid (size ≥ σ, error
/// sum &gt; 0, and not pruned); its size, error sum and maximal row error are bounded by the minimum over the
/// parents, and its score by the paper's upper bound — the maximum of
/// α·(min(s·m̂, ê)/(s·ē) − 1) − (1−α)·(n/s − 1) over s ∈ {σ, ê/m̂, ŝ} ∩ [σ, ŝ] — which must exceed the K-th best score
/// found so far (0 while fewer than K are known). Rows are held as sorted index lists and bitsets per predicate; a
/// candidate is evaluated by walking its smallest predicate's rows and probing the others' bitsets, candidates of
/// a level in parallel (results do not depend on the core count).
/// </para>
/// Cost: O(n·F) to encode F columns plus, per evaluated candidate, O(size of its smallest predicate).
/// </summary>
public static class WeakSliceFinder
{
    private const int MaxPredicates = (1 << 21) - 2;

    /// <summary>
    /// Finds weak slices of prepared data over every column of <paramref name="frame"/> except
    /// <paramref name="excludedColumns"/> (the label, score, prediction, id… columns) and timestamp columns.
    /// Errors: misclassification at the threshold (binary, multiclass) or <paramref name="regressionError"/>.
    /// </summary>
    public static WeakSliceReport Find(DataFrame frame, PreparedData data, IReadOnlyCollection<string> excludedColumns,
        WeakSliceSettings settings, RegressionSliceError regressionError = RegressionSliceError.Squared)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(excludedColumns);
        var errors = data.Task switch
        {
            EvaluationTask.Binary => SliceErrors.Classification(data.Binary!),
            EvaluationTask.Multiclass => SliceErrors.Classification(data.Multiclass!),
            EvaluationTask.Regression => SliceErrors.Regression(data.Regression!, regressionError),
            _ => throw new ArgumentException($"slice finding is not supported for the {data.Task} task", nameof(data)),
        };
        var excluded = new HashSet<string>(excludedColumns, StringComparer.Ordinal);
        var features = new List<string>();
        foreach (var c in frame.Columns)
            if (!excluded.Contains(c.Name)) features.Add(c.Name);
        return Find(frame, data.SourceRows, features, errors, settings);
    }

    /// <summary>
    /// Finds weak slices over <paramref name="featureColumns"/> given one non-negative, finite error per evaluated
    /// row; evaluated row i is frame row <paramref name="sourceRows"/>[i] (identity when null). Timestamp columns are
    /// skipped (listed in <see cref="WeakSliceReport.SkippedColumns"/>); an absent column throws <see cref="ArgumentException"/>.
    /// </summary>
    public static WeakSliceReport Find(DataFrame frame, int[]? sourceRows, IReadOnlyList<string> featureColumns, double[] errors, WeakSliceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(featureColumns);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var n = errors.Length;
        if (sourceRows is not null && sourceRows.Length != n)
            throw new ArgumentException($"sourceRows holds {sourceRows.Length} rows for {n} errors", nameof(sourceRows));
        if (sourceRows is null && frame.RowCount != n)
            throw new ArgumentException($"the frame has {frame.RowCount} rows for {n} errors; give sourceRows", nameof(sourceRows));
        double total = 0;
        var zeroOne = true;
        for (var i = 0; i < n; i++)
        {
            var e = errors[i];
            if (!(e >= 0) || double.IsInfinity(e)) throw new ArgumentException($"error {e} at row {i} is not a finite non-negative number", nameof(errors));
            total += e;
            if (e != 0 && e != 1) zeroOne = false;
        }
        var absent = new List<string>();
        foreach (var c in featureColumns) if (!frame.Contains(c)) absent.Add(c);
        if (absent.Count > 0) throw new ArgumentException("feature column(s) not found: " + string.Join(", ", absent), nameof(featureColumns));

        var sigma = Math.Max(1, (int)Math.Ceiling(settings.MinimumSupport * n - 1e-9));
        var mean = n > 0 ? total / n : double.NaN;
        var skipped = new List<(string, string)>();
        var used = new List<string>();
        var levelCounts = new List<int>();
        if (n == 0 || total <= 0)
            return new WeakSliceReport([], mean, n, sigma, used, skipped, levelCounts, settings);

        var preds = Encode(frame, sourceRows, featureColumns, errors, sigma, settings.Bins, used, skipped);
        var search = new Search(preds, errors, n, mean, sigma, settings);
        var top = search.Run(levelCounts);

        var result = new List<WeakSlice>(top.Count);
        foreach (var s in top)
        {
            var list = new List<SlicePredicate>(s.Level);
            for (var j = 0; j < s.Level; j++) list.Add(preds[s.Item(j)].Predicate);
            var rows = search.Rows(s);
            var (low, high, method) = Interval(errors, rows, s.ErrorSum, zeroOne, settings);
            result.Add(new WeakSlice
            {
                Predicates = list, Rows = s.Size, ErrorRate = s.ErrorSum / s.Size, OverallErrorRate = mean, Score = s.Score,
                CiLow = low, CiHigh = high, CiMethod = method,
            });
        }
        return new WeakSliceReport(result, mean, n, sigma, used, skipped, levelCounts, settings);
    }

    /// <summary>The SliceLine score α·(se/(size·ē) − 1) − (1−α)·(n/size − 1); −∞ for an empty slice.</summary>
    public static double Score(double alpha, double errorSum, int size, double meanError, int rows) =>
        size <= 0 ? double.NegativeInfinity : alpha * (errorSum / size / meanError - 1) - (1 - alpha) * ((double)rows / size - 1);

    /// <summary>
    /// SliceLine's upper bound on the score of any slice whose size is at most <paramref name="sizeBound"/>, error sum
    /// at most <paramref name="errorSumBound"/> and largest row error at most <paramref name="maxErrorBound"/>, given
    /// size ≥ <paramref name="minimumSize"/>: the score is monotone in s between its breakpoints, so the maximum over
    /// s ∈ {σ, ê/m̂, ŝ} ∩ [σ, ŝ] of α·(min(s·m̂, ê)/(s·ē) − 1) − (1−α)·(n/s − 1) bounds it.
    /// </summary>
    public static double UpperBound(double alpha, int sizeBound, double errorSumBound, double maxErrorBound, double meanError, int rows, int minimumSize)
    {
        if (sizeBound < minimumSize) return double.NegativeInfinity;
        var best = double.NegativeInfinity;
        var knee = maxErrorBound > 0 ? errorSumBound / maxErrorBound : minimumSize;
        Span<double> sizes = [minimumSize, Math.Clamp(knee, minimumSize, sizeBound), sizeBound];
        foreach (var s in sizes)
        {
            var err = Math.Min(s * maxErrorBound, errorSumBound);
            var sc = alpha * (err / (s * meanError) - 1) - (1 - alpha) * (rows / s - 1);
            if (sc > best) best = sc;
        }
        return best;
    }

    private static (double, double, string) Interval(double[] errors, int[] rows, double errorSum, bool zeroOne, WeakSliceSettings settings)
    {
        if (zeroOne)
        {
            var (lo, hi) = Wilson(errorSum, rows.Length, settings.CiLevel);
            return (lo, hi, "wilson");
        }
        if (settings.BootstrapReplicates == 0) return (double.NaN, double.NaN, "percentile");
        var values = new double[settings.BootstrapReplicates];
        Parallel.For(0, values.Length, i =>
        {
            var rng = new SeededRandom(settings.Seed, i);
            double s = 0;
            for (var k = 0; k < rows.Length; k++) s += errors[rows[rng.NextInt(rows.Length)]];
            values[i] = s / rows.Length;
        });
        var ci = Bootstrap.Interval(errorSum / rows.Length, values, settings.CiLevel, BootstrapMethod.Percentile);
        return (ci.Low, ci.High, "percentile");
    }

    /// <summary>
    /// Wilson's score interval (Wilson 1927) for <paramref name="successes"/> of <paramref name="trials"/> at
    /// <paramref name="level"/>, as statsmodels <c>proportion_confint(method="wilson")</c>.
    /// </summary>
    public static (double Low, double High) Wilson(double successes, int trials, double level)
    {
        if (trials <= 0) return (double.NaN, double.NaN);
        var z = Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
        var p = successes / trials;
        var z2 = z * z;
        var denominator = 1 + z2 / trials;
        var center = (p + z2 / (2.0 * trials)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }

    private sealed record PredicateInfo(int Feature, SlicePredicate Predicate, int[] Rows, ulong[] Bits, double ErrorSum, double MaxError);

    private static List<PredicateInfo> Encode(DataFrame frame, int[]? sourceRows, IReadOnlyList<string> columns, double[] errors, int sigma,
        int bins, List<string> used, List<(string, string)> skipped)
    {
        var n = errors.Length;
        var words = (n + 63) >> 6;
        var preds = new List<PredicateInfo>();
        foreach (var name in columns)
        {
            var column = frame[name];
            if (column is TimestampColumn) { skipped.Add((name, "timestamp columns are not sliced")); continue; }
            var groups = SliceColumnGroups.Create(column, sourceRows, bins);
            var feature = used.Count;
            used.Add(name);
            for (var g = 0; g < groups.GroupCount; g++)
            {
                var rows = groups.RowsOf(g);
                // a predicate holding every row (or too few) can never be part of a valid, informative slice
                if (rows.Length < sigma || rows.Length == n) continue;
                double se = 0, sm = 0;
                foreach (var r in rows) { se += errors[r]; if (errors[r] > sm) sm = errors[r]; }
                if (se <= 0) continue;
                var bits = new ulong[words];
                foreach (var r in rows) bits[r >> 6] |= 1UL << r;
                var predicate = g == groups.MissingGroup
                    ? new SlicePredicate(name, "is_missing", null)
                    : new SlicePredicate(name, groups.IsNumeric ? "in" : "==", groups.Labels[g]);
                preds.Add(new PredicateInfo(feature, predicate, rows.ToArray(), bits, se, sm));
                if (preds.Count > MaxPredicates) throw new ArgumentException($"more than {MaxPredicates} predicates with enough support", nameof(columns));
            }
        }
        return preds;
    }

    /// <summary>A slice of up to 3 predicate ids (ascending) with its statistics.</summary>
    private readonly record struct Slice(long Key, int Level, int Size, double ErrorSum, double MaxError, double Score)
    {
        public int Item(int j) => (int)((Key >> (21 * (2 - j))) & 0x1FFFFF) - 1;
        public static long Pack(int a, int b = -1, int c = -1) => ((long)(a + 1) << 42) | ((long)(b + 1) << 21) | (long)(c + 1);
    }

    private sealed class Search(List<PredicateInfo> preds, double[] errors, int n, double mean, int sigma, WeakSliceSettings settings)
    {
        private readonly List<Slice> _top = [];

        public List<Slice> Run(List<int> levelCounts)
        {
            var level = new List<Slice>(preds.Count);
            for (var p = 0; p < preds.Count; p++)
            {
                var info = preds[p];
                level.Add(new Slice(Slice.Pack(p), 1, info.Rows.Length, info.ErrorSum, info.MaxError,
                    Score(settings.Alpha, info.ErrorSum, info.Rows.Length, mean, n)));
            }
            levelCounts.Add(level.Count);
            Offer(level);
            for (var l = 2; l <= settings.MaxLevel && level.Count > 0; l++)
            {
                var candidates = Candidates(level, l);
                var evaluated = new Slice[candidates.Count];
                Parallel.For(0, candidates.Count, i => evaluated[i] = Evaluate(candidates[i], l));
                levelCounts.Add(evaluated.Length);
                level = new List<Slice>(evaluated.Length);
                foreach (var s in evaluated)
                    if (s.Size >= sigma && s.ErrorSum > 0) level.Add(s);
                Offer(level);
            }
            return _top;
        }

        private double Threshold => _top.Count >= settings.Top ? Math.Max(0, _top[^1].Score) : 0;

        private void Offer(List<Slice> slices)
        {
            foreach (var s in slices)
                if (s.Score > 0 && s.Size >= sigma && s.ErrorSum > 0) _top.Add(s);
            _top.Sort(static (a, b) =>
            {
                var c = b.Score.CompareTo(a.Score);
                if (c != 0) return c;
                c = b.Size.CompareTo(a.Size);
                return c != 0 ? c : a.Key.CompareTo(b.Key);
            });
            if (_top.Count > settings.Top) _top.RemoveRange(settings.Top, _top.Count - settings.Top);
        }

        private List<Slice> Candidates(List<Slice> parents, int l)
        {
            var byKey = new Dictionary<long, Slice>(parents.Count);
            foreach (var s in parents) byKey[s.Key] = s;
            var threshold = Threshold;
            var result = new List<Slice>();
            Span<int> items = stackalloc int[3];
            foreach (var s in parents)
            {
                var last = s.Item(l - 2);
                for (var p = last + 1; p < preds.Count; p++)
                {
                    var feature = preds[p].Feature;
                    var clash = false;
                    for (var j = 0; j < l - 1; j++) if (preds[s.Item(j)].Feature == feature) { clash = true; break; }
                    if (clash) continue;
                    for (var j = 0; j < l - 1; j++) items[j] = s.Item(j);
                    items[l - 1] = p;
                    // every parent (the candidate minus one predicate) must be a valid slice of the previous level
                    int size = s.Size;
                    double se = s.ErrorSum, sm = s.MaxError;
                    var complete = true;
                    for (var drop = 0; drop < l - 1 && complete; drop++)
                    {
                        long key = ParentKey(items, l, drop);
                        if (byKey.TryGetValue(key, out var parent))
                        {
                            size = Math.Min(size, parent.Size);
                            se = Math.Min(se, parent.ErrorSum);
                            sm = Math.Min(sm, parent.MaxError);
                        }
                        else complete = false;
                    }
                    if (!complete) continue;
                    var bound = UpperBound(settings.Alpha, size, se, sm, mean, n, sigma);
                    if (bound <= threshold) continue;
                    result.Add(new Slice(l == 2 ? Slice.Pack(items[0], items[1]) : Slice.Pack(items[0], items[1], items[2]), l, 0, 0, 0, 0));
                }
            }
            return result;
        }

        private static long ParentKey(Span<int> items, int l, int drop)
        {
            Span<int> rest = stackalloc int[2];
            var k = 0;
            for (var j = 0; j < l; j++) if (j != drop) rest[k++] = items[j];
            return l == 2 ? Slice.Pack(rest[0]) : Slice.Pack(rest[0], rest[1]);
        }

        private Slice Evaluate(Slice candidate, int l)
        {
            var smallest = candidate.Item(0);
            for (var j = 1; j < l; j++)
                if (preds[candidate.Item(j)].Rows.Length < preds[smallest].Rows.Length) smallest = candidate.Item(j);
            ulong[]? b1 = null, b2 = null;
            for (var j = 0; j < l; j++)
            {
                var p = candidate.Item(j);
                if (p == smallest) continue;
                if (b1 is null) b1 = preds[p].Bits; else b2 = preds[p].Bits;
            }
            int size = 0;
            double se = 0, sm = 0;
            foreach (var r in preds[smallest].Rows)
            {
                var w = r >> 6;
                var mask = 1UL << r;
                if ((b1![w] & mask) == 0 || (b2 is not null && (b2[w] & mask) == 0)) continue;
                size++;
                var e = errors[r];
                se += e;
                if (e > sm) sm = e;
            }
            return candidate with { Size = size, ErrorSum = se, MaxError = sm, Score = Score(settings.Alpha, se, size, mean, n) };
        }

        public int[] Rows(Slice s)
        {
            var list = new List<int>(s.Size);
            var first = preds[s.Item(0)].Rows;
            foreach (var r in first)
            {
                var ok = true;
                for (var j = 1; j < s.Level && ok; j++) ok = (preds[s.Item(j)].Bits[r >> 6] & (1UL << r)) != 0;
                if (ok) list.Add(r);
            }
            return [.. list];
        }
    }
}
