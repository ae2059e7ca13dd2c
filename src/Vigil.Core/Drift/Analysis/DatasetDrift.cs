using System.Globalization;
using Vigil.Core.Data;
using Vigil.Core.Drift.Multivariate;
using Vigil.Core.Estimation;
using Vigil.Core.Statistics.Sorting;

namespace Vigil.Core.Drift.Analysis;

/// <summary>
/// The per-dataset drift engine behind <c>vigil drift</c> (issue 4, items 2–5 and 7). For each column present in both
/// frames: type it (<see cref="DriftColumnTyping"/>), drop missing values (NaN, ±∞, empty) counting their share per side,
/// skip it with a reason when a side has no values (the run goes on), sort each numeric side once and reuse the sorted
/// copy for the deciding method, the extra methods, the report histogram and every window; choose the method
/// (<c>--method-for</c>, else <c>--method</c> when it accepts the column's kind, else <see cref="DriftMethodPolicy"/>)
/// and the threshold (<c>--threshold-for</c>, else <c>--threshold</c>, else the policy's or method's default), compute
/// and decide with <see cref="DriftDecision"/>. With <c>--fdr Q</c> the p-value columns' p-values are adjusted by
/// <see cref="BenjaminiHochberg"/> and a column drifts when its adjusted p &lt; Q. The dataset drifts when
/// drifted / tested ≥ the drift-share threshold.
/// Memory: columns are processed <see cref="DriftAnalysisSettings.MaxParallelColumns"/> at a time (default 2, one per
/// core), each with one scratch sorted copy per side that is dropped when the column is done — never all sorted
/// copies at once (CONTRACTS.md "Memory"). Cost: O(n log n) per numeric column plus the methods' own cost.
/// </summary>
public static class DatasetDrift
{
    private const int HistogramBins = 30;
    private const int MaxReportCategories = 20;

    /// <summary>
    /// Runs the analysis. Throws <see cref="ArgumentException"/> with every problem of <paramref name="settings"/>
    /// (see <see cref="DriftAnalysisSettings.Validate"/>), or when <c>domain_classifier</c> is asked for without
    /// <paramref name="domainClassifier"/> (Core holds only its contract). <paramref name="progress"/> receives (columns done, total).
    /// Multivariate detectors run on the tested columns: <c>pca</c> and <c>mmd</c> on the numeric ones,
    /// <c>domain_classifier</c> on all of them (numeric and categorical, the prediction and target included).
    /// </summary>
    public static DatasetDriftResult Analyze(DataFrame reference, DataFrame current, DriftAnalysisSettings settings, Action<int, int>? progress = null,
        IDomainClassifier? domainClassifier = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        var catalog = new DriftMethodCatalog(settings.Binning, settings.Seed);
        var problems = settings.Validate(reference, current, catalog);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        if (domainClassifier is null && settings.Multivariate.Contains("domain_classifier"))
            throw new ArgumentException("--multivariate domain_classifier needs an IDomainClassifier implementation", nameof(domainClassifier));

        var skipped = new List<SkippedColumn>();
        var names = new List<string>();
        IEnumerable<string> candidates = settings.Columns
            ?? reference.ColumnNames.Concat(current.ColumnNames.Where(n => !reference.Contains(n)));
        var extra = new[] { settings.Prediction, settings.Target }.OfType<string>();
        foreach (var name in candidates.Concat(extra).Distinct(StringComparer.Ordinal))
        {
            if (settings.Exclude.Contains(name)) continue;
            if (name == settings.Timestamp) { skipped.Add(new SkippedColumn(name, "timestamp of the windows (--timestamp)")); continue; }
            if (!reference.Contains(name)) { skipped.Add(new SkippedColumn(name, "only in the current data")); continue; }
            if (!current.Contains(name)) { skipped.Add(new SkippedColumn(name, "only in the reference data")); continue; }
            names.Add(name);
        }

        var chunks = Chunks(current, settings);
        var outcomes = new Outcome[names.Count];
        var done = 0;
        progress?.Invoke(0, names.Count);
        Parallel.For(0, names.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelColumns }, i =>
        {
            outcomes[i] = AnalyzeColumn(reference[names[i]], current[names[i]], settings, catalog, chunks);
            progress?.Invoke(Interlocked.Increment(ref done), names.Count);
        });

        var tested = new List<ColumnDrift>();
        var windowColumns = chunks.Select(_ => new List<ColumnDrift>()).ToArray();
        foreach (var o in outcomes)
        {
            if (o.Skip is not null) { skipped.Add(o.Skip); continue; }
            tested.Add(o.Column!);
            for (var w = 0; w < chunks.Count; w++) if (o.Windows![w] is { } wc) windowColumns[w].Add(wc);
        }
        var final = ApplyFdr(tested, settings.FalseDiscoveryRate);
        var windows = new List<DriftWindow>(chunks.Count);
        for (var w = 0; w < chunks.Count; w++)
            windows.Add(new DriftWindow(chunks[w].Key, chunks[w].Start, chunks[w].End, chunks[w].Rows.Length,
                ApplyFdr(windowColumns[w], settings.FalseDiscoveryRate), settings.DriftShareThreshold));
        var multivariate = new List<MultivariateDriftResult>();
        var numeric = final.Where(c => c.Kind == DriftColumnKind.Numeric && reference[c.Column] is NumericColumn && current[c.Column] is NumericColumn).Select(c => c.Column).ToList();
        foreach (var detector in settings.Multivariate.Distinct(StringComparer.Ordinal))
        {
            if (detector == "pca")
                multivariate.Add(PcaReconstructionDrift.Compute(numeric,
                    [.. numeric.Select(n => ((NumericColumn)reference[n]).Values)], [.. numeric.Select(n => ((NumericColumn)current[n]).Values)]));
            else if (detector == "mmd")
                multivariate.Add(Mmd(numeric, reference, current, settings));
            else if (detector == "domain_classifier")
                multivariate.Add(Classifier(final, reference, current, settings, domainClassifier));
        }
        return new DatasetDriftResult(final, skipped, windows, settings.DriftShareThreshold, reference.RowCount, current.RowCount) { Multivariate = multivariate, RowsWithoutTimestamp = RowsWithoutTimestamp(current, settings) };
    }

    private static MultivariateDriftResult Mmd(List<string> numeric, DataFrame reference, DataFrame current, DriftAnalysisSettings settings)
    {
        var r = MultivariateMaximumMeanDiscrepancy.Compute(numeric, [.. numeric.Select(n => ((NumericColumn)reference[n]).Values)],
            [.. numeric.Select(n => ((NumericColumn)current[n]).Values)], settings.Seed, maxDegreeOfParallelism: settings.MaxParallelColumns);
        var details = string.Create(CultureInfo.InvariantCulture,
            $"{r.Columns.Count} standardised numeric columns, {r.ReferenceRows} reference and {r.CurrentRows} current rows (≤ {MultivariateMaximumMeanDiscrepancy.DefaultMaxRowsPerSide} sampled per side), RBF bandwidth {r.Bandwidth:G4} (median heuristic), {r.Permutations} permutations, seed {r.Seed}");
        return new MultivariateDriftResult("mmd", r.Statistic, double.NaN, double.NaN, double.NaN, r.Drift, details, r.Reason)
        {
            PValue = double.IsNaN(r.PValue) ? null : r.PValue,
            Threshold = r.Threshold,
            MaximumMeanDiscrepancy = r,
        };
    }

    private static MultivariateDriftResult Classifier(List<ColumnDrift> tested, DataFrame reference, DataFrame current, DriftAnalysisSettings settings, IDomainClassifier? classifier)
    {
        var options = settings.DomainClassifierOptions ?? new DomainClassifierOptions { Seed = settings.Seed };
        var names = tested.Select(c => c.Column).ToList();
        DomainClassifierResult r;
        try
        {
            if (names.Count == 0) throw new ArgumentException("no tested column");
            r = classifier!.Run(reference, current, names, options);
        }
        catch (ArgumentException e)
        {
            return new MultivariateDriftResult("domain_classifier", double.NaN, double.NaN, double.NaN, double.NaN, false, "", e.Message.Split(" (Parameter")[0])
            {
                Threshold = options.AucThreshold,
            };
        }
        var details = string.Create(CultureInfo.InvariantCulture,
            $"{r.Folds}-fold cross-validated ROC AUC {r.Auc:0.###} [{r.AucLower:0.###}, {r.AucUpper:0.###}] on {r.ReferenceRows} reference and {r.CurrentRows} current rows; drivers: {string.Join(", ", r.Drivers.Take(3).Select(d => $"{d.Column} {d.Importance * 100:0}%"))}");
        return new MultivariateDriftResult("domain_classifier", r.Auc, double.NaN, double.NaN, double.NaN, r.Drift, details, r.Reason)
        {
            Threshold = r.Threshold,
            DomainClassifier = r,
        };
    }

    private sealed record Outcome(ColumnDrift? Column, ColumnDrift?[]? Windows, SkippedColumn? Skip);

    private static IReadOnlyList<DataChunk> Chunks(DataFrame current, DriftAnalysisSettings s)
    {
        if (s.ChunkSize is { } size && s.Timestamp is null) return new RowCountChunker(size).Split(current.RowCount, []);
        if (s.Timestamp is null) return [];
        var ticks = ((TimestampColumn)current[s.Timestamp]).Ticks;
        var rows = new List<int>(ticks.Length);
        for (var r = 0; r < ticks.Length; r++) if (ticks[r] != TimestampColumn.Missing) rows.Add(r);
        var compact = new long[rows.Count];
        for (var i = 0; i < compact.Length; i++) compact[i] = ticks[rows[i]];
        IChunker chunker = s.Window is not null ? new CalendarChunker(s.Window) : new RowCountChunker(s.ChunkSize!.Value);
        return [.. chunker.Split(compact.Length, compact).Select(c =>
        {
            var mapped = new int[c.Rows.Length];
            for (var i = 0; i < mapped.Length; i++) mapped[i] = rows[c.Rows[i]];
            return c with { Rows = mapped };
        })];
    }

    private static int RowsWithoutTimestamp(DataFrame current, DriftAnalysisSettings s) =>
        s.Timestamp is null ? 0 : current[s.Timestamp].MissingCount();

    private static DriftColumnRole RoleOf(string name, DriftAnalysisSettings s) =>
        name == s.Prediction ? DriftColumnRole.Prediction : name == s.Target ? DriftColumnRole.Target : DriftColumnRole.Feature;

    private static Outcome Skip(string name, string reason) => new(null, null, new SkippedColumn(name, reason));

    private static Outcome AnalyzeColumn(Column reference, Column current, DriftAnalysisSettings s, DriftMethodCatalog catalog, IReadOnlyList<DataChunk> chunks)
    {
        var name = reference.Name;
        var (decided, forcedNumeric, forcedCategorical) = DriftColumnTyping.FromDeclared(reference, current, s);
        if (decided is { Excluded: true }) return Skip(name, decided.Reason);
        var missingRef = Share(reference.MissingCount(), reference.Length);
        var missingCur = Share(current.MissingCount(), current.Length);

        var numericData = forcedNumeric || (!forcedCategorical && decided is null);
        if (decided is { Kind: DriftColumnKind.Categorical } && !forcedCategorical && (reference is NumericColumn || current is NumericColumn))
        {
            // one side read as numbers, the other as strings: an all-missing side counts as "no values" below
            numericData = false;
        }
        if (numericData)
        {
            if (!TryFinite(reference, null, out var refValues, out var refBad, out var refError)) return Skip(name, $"reference: {refError}");
            if (!TryFinite(current, null, out var curValues, out var curBad, out var curError)) return Skip(name, $"current: {curError}");
            missingRef = Share(refBad, reference.Length);
            missingCur = Share(curBad, current.Length);
            if (refValues.Length == 0) return Skip(name, "no values in the reference data (all missing)");
            if (curValues.Length == 0) return Skip(name, "no values in the current data (all missing)");
            DoubleSort.Ascending(refValues);
            DoubleSort.Ascending(curValues);
            var type = forcedNumeric ? decided! : DriftColumnTyping.ClassifyNumeric(refValues, curValues, s.CategoricalIntegerLimit);
            if (type.Excluded) return Skip(name, type.Reason);
            if (type.Kind == DriftColumnKind.Numeric)
            {
                var outcome = Numeric(name, type, refValues, curValues, current, missingRef, missingCur, s, catalog, chunks);
                SortScratch.Return(refValues); // the sorted copies are reused by the next columns (peak memory)
                SortScratch.Return(curValues);
                return outcome;
            }
            decided = type;
        }
        // categorical
        var union = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var refCodes = UnionCodes(reference, union, labels);
        var curCodes = UnionCodes(current, union, labels);
        var counts = Count(refCodes, null, curCodes, null, labels);
        if (counts.ReferenceTotal == 0) return Skip(name, "no values in the reference data (all missing)");
        if (counts.CurrentTotal == 0) return Skip(name, "no values in the current data (all missing)");
        var ctype = forcedCategorical || decided!.Reason.StartsWith("integer", StringComparison.Ordinal)
            ? decided!
            : DriftColumnTyping.ClassifyCategorical(counts, s.CategoricalIntegerLimit, decided!.Reason);
        if (ctype.Excluded) return Skip(name, ctype.Reason);
        var plan = Plan(name, DriftColumnKind.Categorical, counts.ReferenceTotal, counts.ObservedCategoryCount, s, catalog);
        if (plan.Skip is not null) return Skip(name, plan.Skip);
        var method = (ICategoricalDriftMethod)plan.Method!;
        var result = DriftDecision.Decide(method, method.Compute(counts), plan.Threshold, counts.ReferenceTotal, counts.CurrentTotal);
        var additional = new List<DriftResult>();
        foreach (var id in s.ExtraMethods)
            if (catalog.Get(id) is ICategoricalDriftMethod em && id != method.Id)
                additional.Add(DriftDecision.Decide(em, em.Compute(counts), s.ThresholdFor.TryGetValue(name, out var t) ? t : s.Threshold, counts.ReferenceTotal, counts.CurrentTotal));
        var column = new ColumnDrift(name, RoleOf(name, s), DriftColumnKind.Categorical, ctype.Reason, plan.Reason, result, null, result.Drift, result.Threshold,
            missingRef, missingCur, CategoryDistribution(counts), additional);
        var windows = new ColumnDrift?[chunks.Count];
        for (var w = 0; w < chunks.Count; w++)
        {
            var wc = Count(refCodes, null, curCodes, chunks[w].Rows, labels);
            if (wc.CurrentTotal == 0) continue;
            var wr = DriftDecision.Decide(method, method.Compute(wc), plan.Threshold, wc.ReferenceTotal, wc.CurrentTotal);
            windows[w] = column with { Result = wr, Drift = wr.Drift, Threshold = wr.Threshold, MissingShareCurrent = Share(chunks[w].Rows.Length - (int)wc.CurrentTotal, chunks[w].Rows.Length), Distribution = null, Additional = [] };
        }
        return new Outcome(column, windows, null);
    }

    private static Outcome Numeric(string name, DriftColumnType type, double[] refSorted, double[] curSorted, Column current, double missingRef, double missingCur,
        DriftAnalysisSettings s, DriftMethodCatalog catalog, IReadOnlyList<DataChunk> chunks)
    {
        var plan = Plan(name, DriftColumnKind.Numeric, refSorted.Length, DriftColumnTyping.DistinctOfUnion(refSorted, curSorted), s, catalog);
        if (plan.Skip is not null) return Skip(name, plan.Skip);
        var method = (INumericDriftMethod)plan.Method!;
        var result = DriftDecision.Decide(method, method.Compute(refSorted, curSorted), plan.Threshold, refSorted.Length, curSorted.Length);
        var additional = new List<DriftResult>();
        foreach (var id in s.ExtraMethods)
            if (catalog.Get(id) is INumericDriftMethod em && id != method.Id)
                additional.Add(DriftDecision.Decide(em, em.Compute(refSorted, curSorted), s.ThresholdFor.TryGetValue(name, out var t) ? t : s.Threshold, refSorted.Length, curSorted.Length));
        var column = new ColumnDrift(name, RoleOf(name, s), DriftColumnKind.Numeric, type.Reason, plan.Reason, result, null, result.Drift, result.Threshold,
            missingRef, missingCur, NumericDistribution(refSorted, curSorted), additional);
        var windows = new ColumnDrift?[chunks.Count];
        for (var w = 0; w < chunks.Count; w++)
        {
            if (!TryFinite(current, chunks[w].Rows, out var wv, out var bad, out _) || wv.Length == 0) continue;
            DoubleSort.Ascending(wv);
            var wr = DriftDecision.Decide(method, method.Compute(refSorted, wv), plan.Threshold, refSorted.Length, wv.Length);
            windows[w] = column with { Result = wr, Drift = wr.Drift, Threshold = wr.Threshold, MissingShareCurrent = Share(bad, chunks[w].Rows.Length), Distribution = null, Additional = [] };
        }
        return new Outcome(column, windows, null);
    }

    private sealed record MethodPlan(IDriftMethod? Method, double? Threshold, string Reason, string? Skip);

    private static MethodPlan Plan(string name, DriftColumnKind kind, long referenceRows, long distinct, DriftAnalysisSettings s, DriftMethodCatalog catalog)
    {
        var wanted = kind == DriftColumnKind.Numeric ? DriftDataKinds.Numeric : DriftDataKinds.Categorical;
        var kindText = kind == DriftColumnKind.Numeric ? "numeric" : "categorical";
        double? threshold = s.ThresholdFor.TryGetValue(name, out var tf) ? tf : s.Threshold;
        IDriftMethod method;
        string reason;
        if (s.MethodFor.TryGetValue(name, out var id))
        {
            method = catalog.Get(id);
            if ((method.SupportedData & wanted) == 0) return new MethodPlan(null, null, "", $"--method-for {name}={id}: {id} does not accept {kindText} columns");
            reason = $"--method-for {name}={id}";
        }
        else if (s.Method is not null && (catalog.Get(s.Method).SupportedData & wanted) != 0)
        {
            method = catalog.Get(s.Method);
            reason = $"--method {s.Method}";
        }
        else
        {
            var choice = DriftMethodPolicy.Choose(kind, referenceRows, distinct);
            method = catalog.Get(choice.Method);
            threshold ??= choice.Threshold;
            reason = s.Method is null ? choice.Reason : $"{choice.Reason} (--method {s.Method} does not accept {kindText} columns)";
        }
        try { DriftDecision.ResolveThreshold(method, threshold); }
        catch (ArgumentException e) { return new MethodPlan(null, null, "", e.Message.Split(" (Parameter")[0]); }
        return new MethodPlan(method, threshold, reason, null);
    }

    internal static List<ColumnDrift> ApplyFdr(List<ColumnDrift> columns, double? q)
    {
        if (q is not { } fdr) return columns;
        var index = new List<int>();
        for (var i = 0; i < columns.Count; i++) if (columns[i].Result.ScoreKind == DriftScoreKind.PValue) index.Add(i);
        var p = new double[index.Count];
        for (var i = 0; i < p.Length; i++) p[i] = columns[index[i]].Result.PValue ?? double.NaN;
        var adjusted = BenjaminiHochberg.Adjust(p);
        var result = new List<ColumnDrift>(columns);
        for (var i = 0; i < p.Length; i++)
        {
            var c = columns[index[i]];
            result[index[i]] = c with
            {
                AdjustedPValue = adjusted[i],
                Threshold = fdr,
                Drift = DriftDecision.IsDrift(DriftScoreKind.PValue, c.Result.Statistic, adjusted[i], fdr),
            };
        }
        return result;
    }

    private static double Share(long part, long total) => total == 0 ? double.NaN : (double)part / total;

    /// <summary>Finite values of a column (all rows, or <paramref name="rows"/>); text columns are parsed as invariant numbers.</summary>
    private static bool TryFinite(Column column, int[]? rows, out double[] values, out int missing, out string? error)
    {
        var n = rows?.Length ?? column.Length;
        var buffer = SortScratch.Rent(n);
        var k = 0;
        error = null;
        if (column is NumericColumn nc)
        {
            var v = nc.Values;
            for (var i = 0; i < n; i++)
            {
                var x = v[rows is null ? i : rows[i]];
                if (double.IsFinite(x)) buffer[k++] = x;
            }
        }
        else if (column is CategoricalColumn cc)
        {
            var parsed = new double[cc.Categories.Length];
            for (var c = 0; c < parsed.Length; c++)
                parsed[c] = double.TryParse(cc.Categories[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
            for (var i = 0; i < n; i++)
            {
                var code = cc.Codes[rows is null ? i : rows[i]];
                if (code < 0) continue;
                var x = parsed[code];
                if (double.IsNaN(x)) { values = []; missing = 0; error = $"value '{cc.Categories[code]}' is not a number"; return false; }
                if (double.IsFinite(x)) buffer[k++] = x;
            }
        }
        else
        {
            values = []; missing = 0; error = "not a numeric column"; return false;
        }
        missing = n - k;
        values = k == n ? buffer : buffer.AsSpan(0, k).ToArray();
        if (k != n) SortScratch.Return(buffer);
        return true;
    }

    /// <summary>Per-row codes into a category list shared by both sides (−1 = missing); numbers are labelled invariantly.</summary>
    private static int[] UnionCodes(Column column, Dictionary<string, int> union, List<string> labels)
    {
        var codes = new int[column.Length];
        int Code(string label)
        {
            if (!union.TryGetValue(label, out var c)) { c = labels.Count; union.Add(label, c); labels.Add(label); }
            return c;
        }
        switch (column)
        {
            case CategoricalColumn cc:
                var map = new int[cc.Categories.Length];
                for (var c = 0; c < map.Length; c++) map[c] = Code(cc.Categories[c]);
                for (var i = 0; i < codes.Length; i++) codes[i] = cc.Codes[i] < 0 ? -1 : map[cc.Codes[i]];
                break;
            case NumericColumn nc:
                var byValue = new Dictionary<double, int>();
                for (var i = 0; i < codes.Length; i++)
                {
                    var x = nc.Values[i];
                    if (!double.IsFinite(x)) { codes[i] = -1; continue; }
                    if (!byValue.TryGetValue(x, out var c)) { c = Code(x.ToString("R", CultureInfo.InvariantCulture)); byValue.Add(x, c); }
                    codes[i] = c;
                }
                break;
            default:
                for (var i = 0; i < codes.Length; i++) codes[i] = column.GetText(i) is { } t ? Code(t) : -1;
                break;
        }
        return codes;
    }

    private static CategoryCounts Count(int[] refCodes, int[]? refRows, int[] curCodes, int[]? curRows, List<string> labels)
    {
        var r = new long[labels.Count];
        var c = new long[labels.Count];
        if (refRows is null) foreach (var code in refCodes) { if (code >= 0) r[code]++; }
        else foreach (var row in refRows) { if (refCodes[row] >= 0) r[refCodes[row]]++; }
        if (curRows is null) foreach (var code in curCodes) { if (code >= 0) c[code]++; }
        else foreach (var row in curRows) { if (curCodes[row] >= 0) c[curCodes[row]]++; }
        return new CategoryCounts(labels.ToArray(), r, c);
    }

    private static ColumnDistribution NumericDistribution(double[] refSorted, double[] curSorted)
    {
        var lo = Math.Min(refSorted[0], curSorted[0]);
        var hi = Math.Max(refSorted[^1], curSorted[^1]);
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        var edges = new double[HistogramBins + 1];
        for (var i = 0; i <= HistogramBins; i++) edges[i] = lo + (hi - lo) * i / HistogramBins;
        edges[^1] = hi;
        return new ColumnDistribution(edges, [], BinCounts(refSorted, edges), BinCounts(curSorted, edges));
    }

    private static double[] BinCounts(double[] sorted, double[] edges)
    {
        var counts = new double[edges.Length - 1];
        var previous = 0;
        for (var b = 0; b < counts.Length; b++)
        {
            var upto = b == counts.Length - 1 ? sorted.Length : LowerBound(sorted, edges[b + 1]);
            counts[b] = upto - previous;
            previous = upto;
        }
        return counts;
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static ColumnDistribution CategoryDistribution(CategoryCounts counts)
    {
        var order = Enumerable.Range(0, counts.Categories.Count).Where(i => counts.Reference[i] + counts.Current[i] > 0)
            .OrderByDescending(i => counts.Reference[i] + counts.Current[i]).ToArray();
        var keep = order.Length <= MaxReportCategories ? order : order[..(MaxReportCategories - 1)];
        var names = keep.Select(i => counts.Categories[i]).ToList();
        var r = keep.Select(i => (double)counts.Reference[i]).ToList();
        var c = keep.Select(i => (double)counts.Current[i]).ToList();
        if (keep.Length < order.Length)
        {
            names.Add("(other)");
            r.Add(order[keep.Length..].Sum(i => (double)counts.Reference[i]));
            c.Add(order[keep.Length..].Sum(i => (double)counts.Current[i]));
        }
        return new ColumnDistribution([], [.. names], [.. r], [.. c]);
    }
}
