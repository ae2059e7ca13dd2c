using System.Globalization;
using Vigil.Core.Data;
using Vigil.Core.Profiles;

namespace Vigil.Core.Drift.Analysis;

/// <summary>
/// Dataset drift between two profiles (<c>vigil drift --reference-profile A --current-profile B</c>, issue 6 item 5):
/// the same result as <see cref="DatasetDrift"/> on raw data, each column computed by <see cref="ProfileDrift.Compare"/>
/// from the sketches and carrying its <see cref="ColumnDrift.ErrorBound"/>. This is how windows are compared without
/// their rows.
/// <para>Column typing from the profiles: timestamp columns are skipped; text columns are skipped unless forced
/// categorical; categorical and boolean columns are categorical (frequent items); numeric columns are numeric (KLL
/// quantiles). When both quantile sketches hold every value the raw rule of <see cref="DriftColumnTyping.ClassifyNumeric"/>
/// applies unchanged (integers with ≤ limit distinct values would be categorical: a numeric profile has no frequent
/// items, so such columns are still tested as numeric, and the reason says so); otherwise an integer-valued column
/// (every held value and min/max integers) whose HyperLogLog distinct estimate reaches (1 − 3·its relative standard
/// error)·rows is id-like and skipped.</para>
/// <para>Default method (one documented policy, mirroring <see cref="DriftMethodPolicy"/> with the methods sketches
/// support): numeric ≤ 1,000 reference values → <c>ks</c>, else <c>jensenshannon</c>; categorical ≤ 1,000 → <c>chisquare</c>
/// (for 2 categories it equals the pooled z-test: z² = χ²), else <c>jensenshannon</c>. <c>--method</c> applies to every
/// column whose kind accepts it (<c>ks</c> numeric only, <c>chisquare</c> categorical only, <c>psi</c>,
/// <c>jensenshannon</c>, <c>hellinger</c> both); <c>--method-for</c>, <c>--threshold</c>, <c>--threshold-for</c>,
/// <c>--fdr</c>, <c>--drift-share</c>, <c>--columns</c>, <c>--exclude</c>, <c>--numeric</c>, <c>--categorical</c> as for raw
/// data. Bins: a fixed count only (quantile edges are read from the reference sketch). Cost O(columns · k log k).</para>
/// </summary>
public static class ProfileDatasetDrift
{
    /// <summary>Reference values at or below which the policy picks p-value tests.</summary>
    public const long SmallSampleLimit = DriftMethodPolicy.SmallSampleLimit;

    private const int HistogramBins = 30;

    /// <summary>
    /// Every problem of <paramref name="settings"/> for a profile comparison, at once (unknown columns and methods,
    /// options that need raw rows); empty when usable.
    /// </summary>
    public static IReadOnlyList<string> Validate(DatasetProfile reference, DatasetProfile current, DriftAnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        var valid = string.Join(", ", reference.Columns.Select(c => c.Name).Where(n => current.Find(n) is not null));
        void CheckColumn(string option, string name)
        {
            if (reference.Find(name) is null && current.Find(name) is null) problems.Add($"{option}: unknown column '{name}' (columns in both profiles: {valid})");
        }
        foreach (var c in settings.Columns ?? []) CheckColumn("--columns", c);
        foreach (var c in settings.Exclude) CheckColumn("--exclude", c);
        foreach (var c in settings.ForceCategorical) CheckColumn("--categorical", c);
        foreach (var c in settings.ForceNumeric) CheckColumn("--numeric", c);
        foreach (var c in settings.MethodFor.Keys) CheckColumn("--method-for", c);
        foreach (var c in settings.ThresholdFor.Keys) CheckColumn("--threshold-for", c);
        if (settings.Prediction is not null) CheckColumn("--prediction", settings.Prediction);
        if (settings.Target is not null) CheckColumn("--target", settings.Target);
        var known = string.Join(", ", ProfileDrift.Methods);
        if (settings.Method is { } m && !ProfileDrift.Methods.Contains(m)) problems.Add($"--method: '{m}' cannot be computed from profiles (use one of {known})");
        foreach (var (c, mf) in settings.MethodFor)
            if (!ProfileDrift.Methods.Contains(mf)) problems.Add($"--method-for {c}: '{mf}' cannot be computed from profiles (use one of {known})");
        if (settings.Threshold is { } th && (!double.IsFinite(th) || th < 0)) problems.Add($"--threshold must be a finite non-negative number, got {th}");
        foreach (var (c, t) in settings.ThresholdFor)
            if (!double.IsFinite(t) || t < 0) problems.Add($"--threshold-for {c}: must be a finite non-negative number, got {t}");
        if (settings.Binning.Rule != BinCountRule.Fixed) problems.Add("--bins: profiles need a fixed bin count (sturges and doane need the raw values)");
        if (settings.FalseDiscoveryRate is { } q && (!(q > 0) || q >= 1)) problems.Add($"--fdr must lie strictly between 0 and 1, got {q}");
        if (!(settings.DriftShareThreshold > 0) || settings.DriftShareThreshold > 1) problems.Add($"--drift-share must lie in (0, 1], got {settings.DriftShareThreshold}");
        if (settings.ExtraMethods.Count > 0) problems.Add("--extra-methods needs raw data (not available with profiles)");
        if (settings.Timestamp is not null || settings.Window is not null || settings.ChunkSize is not null) problems.Add("--timestamp/--window/--chunk-size need raw data (profile each window instead)");
        if (settings.Multivariate.Count > 0) problems.Add("--multivariate needs raw data (not available with profiles)");
        return problems;
    }

    /// <summary>Compares the profiles column by column. Throws <see cref="ArgumentException"/> with every problem from <see cref="Validate"/>.</summary>
    public static DatasetDriftResult Analyze(DatasetProfile reference, DatasetProfile current, DriftAnalysisSettings settings)
    {
        var problems = Validate(reference, current, settings);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        var skipped = new List<SkippedColumn>();
        var tested = new List<ColumnDrift>();
        IEnumerable<string> candidates = settings.Columns
            ?? reference.Columns.Select(c => c.Name).Concat(current.Columns.Select(c => c.Name).Where(n => reference.Find(n) is null));
        var extra = new[] { settings.Prediction, settings.Target }.OfType<string>();
        foreach (var name in candidates.Concat(extra).Distinct(StringComparer.Ordinal))
        {
            if (settings.Exclude.Contains(name)) continue;
            var a = reference.Find(name);
            var b = current.Find(name);
            if (a is null) { skipped.Add(new SkippedColumn(name, "only in the current profile")); continue; }
            if (b is null) { skipped.Add(new SkippedColumn(name, "only in the reference profile")); continue; }
            var (column, skip) = AnalyzeColumn(a, b, settings);
            if (skip is not null) skipped.Add(new SkippedColumn(name, skip));
            else tested.Add(column!);
        }
        var final = DatasetDrift.ApplyFdr(tested, settings.FalseDiscoveryRate);
        return new DatasetDriftResult(final, skipped, [], settings.DriftShareThreshold, Rows(reference.Rows), Rows(current.Rows));
    }

    private static int Rows(long rows) => (int)Math.Min(int.MaxValue, rows);

    private static (ColumnDrift? Column, string? Skip) AnalyzeColumn(ColumnProfile a, ColumnProfile b, DriftAnalysisSettings s)
    {
        var name = a.Name;
        if (a.Count - a.Nulls == 0) return (null, "no values in the reference profile (all missing)");
        if (b.Count - b.Nulls == 0) return (null, "no values in the current profile (all missing)");
        var hasQuantiles = a.Quantiles is { Count: > 0 } && b.Quantiles is { Count: > 0 };
        var hasItems = a.FrequentItems is { TotalCount: > 0 } && b.FrequentItems is { TotalCount: > 0 };
        DriftColumnKind kind;
        string typeReason;
        if (s.ForceNumeric.Contains(name))
        {
            if (!hasQuantiles) return (null, "--numeric: the profiles hold no numeric values for this column");
            (kind, typeReason) = (DriftColumnKind.Numeric, "numeric (--numeric)");
        }
        else if (s.ForceCategorical.Contains(name))
        {
            if (!hasItems) return (null, "--categorical: the profiles hold no frequent items for this column (numeric profiles keep quantiles only)");
            (kind, typeReason) = (DriftColumnKind.Categorical, "categorical (--categorical)");
        }
        else if (a.Type == ColumnType.Timestamp || b.Type == ColumnType.Timestamp) return (null, "timestamp column: not tested");
        else if (a.Type == ColumnType.Text || b.Type == ColumnType.Text)
            return (null, string.Create(CultureInfo.InvariantCulture, $"text column (≈{a.Distinct.Estimate():0} distinct reference values): free text or ids are not tested (force with --categorical)"));
        else if (a.Type is ColumnType.Categorical or ColumnType.Boolean || b.Type is ColumnType.Categorical or ColumnType.Boolean)
        {
            if (!hasItems) return (null, "no frequent items on both sides");
            (kind, typeReason) = (DriftColumnKind.Categorical, a.Type == ColumnType.Boolean ? "boolean → categorical" : "strings → categorical");
        }
        else
        {
            if (!hasQuantiles) return (null, "no numeric values on both sides");
            var numeric = ClassifyNumeric(a, b, s.CategoricalIntegerLimit);
            if (numeric.Excluded) return (null, numeric.Reason);
            (kind, typeReason) = (DriftColumnKind.Numeric, numeric.Reason);
        }

        var refValues = kind == DriftColumnKind.Numeric ? a.Quantiles!.Count : a.FrequentItems!.TotalCount;
        var kindText = kind == DriftColumnKind.Numeric ? "numeric" : "categorical";
        double? threshold = s.ThresholdFor.TryGetValue(name, out var tf) ? tf : s.Threshold;
        string method, methodReason;
        if (s.MethodFor.TryGetValue(name, out var mf))
        {
            if (!Accepts(mf, kind)) return (null, $"--method-for {name}={mf}: {mf} does not accept {kindText} columns");
            (method, methodReason) = (mf, $"--method-for {name}={mf}");
        }
        else if (s.Method is { } m && Accepts(m, kind)) (method, methodReason) = (m, $"--method {m}");
        else
        {
            var small = refValues <= SmallSampleLimit;
            method = small ? (kind == DriftColumnKind.Numeric ? "ks" : "chisquare") : "jensenshannon";
            methodReason = string.Create(CultureInfo.InvariantCulture,
                $"{kindText}, {refValues} reference values {(small ? "<=" : ">")} {SmallSampleLimit} → {method} (profile policy)")
                + (s.Method is null ? "" : $" (--method {s.Method} does not accept {kindText} columns)");
        }
        ProfileDriftResult r;
        try { r = ProfileDrift.Compare(a, b, method, threshold, s.Binning.BinCount); }
        catch (ArgumentException e) { return (null, e.Message.Split(" (Parameter")[0]); }
        var column = new ColumnDrift(name, RoleOf(name, s), kind, typeReason, methodReason, r.Result, null, r.Result.Drift, r.Result.Threshold,
            Share(a.Nulls, a.Count), Share(b.Nulls, b.Count), kind == DriftColumnKind.Numeric ? NumericDistribution(a, b) : CategoryDistribution(a, b), [])
        {
            ErrorBound = double.IsNaN(r.ErrorBound) ? null : r.ErrorBound,
            ErrorBoundMeaning = r.ErrorBoundMeaning,
        };
        return (column, null);
    }

    private static bool Accepts(string method, DriftColumnKind kind) => method switch
    {
        "ks" => kind == DriftColumnKind.Numeric,
        "chisquare" => kind == DriftColumnKind.Categorical,
        _ => true,
    };

    private static DriftColumnRole RoleOf(string name, DriftAnalysisSettings s) =>
        name == s.Prediction ? DriftColumnRole.Prediction : name == s.Target ? DriftColumnRole.Target : DriftColumnRole.Feature;

    private static double Share(long part, long total) => total == 0 ? double.NaN : (double)part / total;

    private static DriftColumnType ClassifyNumeric(ColumnProfile a, ColumnProfile b, int limit)
    {
        var qa = a.Quantiles!; var qb = b.Quantiles!;
        if (qa.IsExact && qb.IsExact)
        {
            var raw = DriftColumnTyping.ClassifyNumeric(qa.SortedValues, qb.SortedValues, limit);
            return raw.Kind == DriftColumnKind.Categorical
                ? new DriftColumnType(DriftColumnKind.Numeric, raw.Reason.Replace("→ categorical", "→ numeric (a numeric profile has no frequent items; raw data would test it as categorical)", StringComparison.Ordinal))
                : raw;
        }
        var integers = Integers(qa) && Integers(qb);
        var estimate = a.Distinct.Estimate();
        var rows = qa.Count;
        if (integers && rows > limit && estimate >= (1 - 3 * a.Distinct.RelativeStandardError) * rows)
            return new DriftColumnType(null, string.Create(CultureInfo.InvariantCulture,
                $"id-like: ≈{estimate:0} distinct integers in {rows} reference values (HyperLogLog estimate; force with --numeric)"));
        return new DriftColumnType(DriftColumnKind.Numeric, string.Create(CultureInfo.InvariantCulture,
            $"{(integers ? "integer" : "numeric")} with ≈{estimate:0} distinct reference values → numeric"));
    }

    private static bool Integers(Sketches.KllSketch sketch)
    {
        if (sketch.Min != Math.Floor(sketch.Min) || sketch.Max != Math.Floor(sketch.Max)) return false;
        var (values, _) = sketch.SortedItems();
        foreach (var v in values) if (v != Math.Floor(v)) return false;
        return true;
    }

    private static ColumnDistribution NumericDistribution(ColumnProfile a, ColumnProfile b)
    {
        var qa = a.Quantiles!; var qb = b.Quantiles!;
        var lo = Math.Min(qa.Min, qb.Min);
        var hi = Math.Max(qa.Max, qb.Max);
        if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
        var edges = new double[HistogramBins + 1];
        for (var i = 0; i <= HistogramBins; i++) edges[i] = lo + (hi - lo) * i / HistogramBins;
        edges[^1] = hi;
        return new ColumnDistribution(edges, [], Counts(qa, edges), Counts(qb, edges));
    }

    private static double[] Counts(Sketches.KllSketch sketch, double[] edges)
    {
        var counts = new double[edges.Length - 1];
        double previous = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var rank = i == counts.Length - 1 ? 1 : sketch.Rank(edges[i + 1]);
            counts[i] = Math.Max(0, rank - previous) * sketch.Count;
            previous = Math.Max(previous, rank);
        }
        return counts;
    }

    private static ColumnDistribution? CategoryDistribution(ColumnProfile a, ColumnProfile b)
    {
        var fa = a.FrequentItems!; var fb = b.FrequentItems!;
        var labels = fa.Items().Select(i => i.Value).Concat(fb.Items().Select(i => i.Value)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(l => fa.LowerBound(l) + fb.LowerBound(l)).Take(20).ToList();
        var r = labels.Select(l => (double)fa.LowerBound(l)).ToList();
        var c = labels.Select(l => (double)fb.LowerBound(l)).ToList();
        var restA = fa.TotalCount - r.Sum();
        var restB = fb.TotalCount - c.Sum();
        if (restA > 0 || restB > 0) { labels.Add("(other)"); r.Add(restA); c.Add(restB); }
        return new ColumnDistribution([], [.. labels], [.. r], [.. c]);
    }
}
