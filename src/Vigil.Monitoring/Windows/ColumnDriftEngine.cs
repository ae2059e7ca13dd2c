using System.Buffers;
using System.Globalization;
using Vigil.Core.Drift;
using Vigil.Core.Statistics.Sorting;

namespace Vigil.Monitoring.Windows;

/// <summary>
/// One column of one window against its cached <see cref="ColumnReference"/>, step for step as
/// <c>DatasetDrift.Analyze</c> does it (CONTRACTS.md: the window runs the same engine as <c>vigil drift</c>): numeric
/// columns keep the finite values, sort them and call the method on (sorted reference, sorted window); categorical
/// columns count the union of categories (reference first-appearance order, then new window categories) and call the
/// method on the counts; <see cref="DriftDecision.Decide"/> decides. The only difference is that the reference side
/// is prepared once per monitor. Cost: O(n log n) per numeric column (one pooled scratch buffer), O(n) per
/// categorical column.
/// </summary>
internal static class ColumnDriftEngine
{
    /// <summary>A numeric column given the window's raw values (NaN / ±∞ are missing).</summary>
    public static ColumnDriftOutcome Numeric(ColumnReference reference, ReadOnlySpan<double> values)
    {
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(values.Length, 1));
        try
        {
            var k = 0;
            foreach (var x in values) if (double.IsFinite(x)) buffer[k++] = x;
            if (k == 0) return Skip(reference, "no values in the current data (all missing)");
            var current = buffer.AsSpan(0, k);
            DoubleSort.Ascending(current);
            var method = (INumericDriftMethod)reference.Method!;
            var result = DriftDecision.Decide(method, method.Compute(reference.Sorted, current), reference.Threshold, reference.Sorted.Length, k);
            var shares = new ColumnShares(reference.Edges, [], reference.EdgeShares, ColumnReference.BinShares(current, reference.Edges));
            return new ColumnDriftOutcome(reference.Name, DriftColumnKind.Numeric, result, null, shares);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>A categorical column whose window values are stored as numbers (integer codes).</summary>
    public static ColumnDriftOutcome Categorical(ColumnReference reference, ReadOnlySpan<double> values, Configuration.DriftConfig drift, DriftMethodCatalog catalog)
    {
        var extra = new Dictionary<string, int>(StringComparer.Ordinal);
        var extraLabels = new List<string>();
        var current = new long[reference.Labels.Length];
        var byValue = new Dictionary<double, int>();
        var currentExtra = new List<long>();
        foreach (var x in values)
        {
            if (!double.IsFinite(x)) continue;
            if (!byValue.TryGetValue(x, out var code))
            {
                code = Code(reference, x.ToString("R", CultureInfo.InvariantCulture), extra, extraLabels, currentExtra);
                byValue.Add(x, code);
            }
            Count(code, current, currentExtra);
        }
        return Decide(reference, current, extraLabels, currentExtra, drift, catalog);
    }

    /// <summary>A categorical column whose window values are text (null = missing).</summary>
    public static ColumnDriftOutcome Categorical(ColumnReference reference, ReadOnlySpan<string?> values, Configuration.DriftConfig drift, DriftMethodCatalog catalog)
    {
        var extra = new Dictionary<string, int>(StringComparer.Ordinal);
        var extraLabels = new List<string>();
        var current = new long[reference.Labels.Length];
        var currentExtra = new List<long>();
        foreach (var v in values)
        {
            if (v is null) continue;
            Count(Code(reference, v, extra, extraLabels, currentExtra), current, currentExtra);
        }
        return Decide(reference, current, extraLabels, currentExtra, drift, catalog);
    }

    private static int Code(ColumnReference reference, string label, Dictionary<string, int> extra, List<string> extraLabels, List<long> currentExtra)
    {
        if (reference.Index.TryGetValue(label, out var code)) return code;
        if (!extra.TryGetValue(label, out code))
        {
            code = reference.Labels.Length + extraLabels.Count;
            extra.Add(label, code);
            extraLabels.Add(label);
            currentExtra.Add(0);
        }
        return code;
    }

    private static void Count(int code, long[] current, List<long> currentExtra)
    {
        if (code < current.Length) current[code]++;
        else currentExtra[code - current.Length]++;
    }

    private static ColumnDriftOutcome Decide(ColumnReference reference, long[] current, List<string> extraLabels, List<long> currentExtra, Configuration.DriftConfig drift, DriftMethodCatalog catalog)
    {
        var k = reference.Labels.Length + extraLabels.Count;
        var labels = new string[k];
        var r = new long[k];
        var c = new long[k];
        reference.Labels.CopyTo(labels, 0);
        reference.Counts.CopyTo(r, 0);
        current.CopyTo(c, 0);
        for (var i = 0; i < extraLabels.Count; i++) { labels[reference.Labels.Length + i] = extraLabels[i]; c[reference.Labels.Length + i] = currentExtra[i]; }
        var counts = new CategoryCounts(labels, r, c);
        if (counts.CurrentTotal == 0) return Skip(reference, "no values in the current data (all missing)");
        var (method, threshold, skip) = reference.CategoricalPlan(counts.ReferenceTotal, counts.ObservedCategoryCount, drift, catalog);
        if (skip is not null) return Skip(reference, skip);
        var m = (ICategoricalDriftMethod)method!;
        var result = DriftDecision.Decide(m, m.Compute(counts), threshold, counts.ReferenceTotal, counts.CurrentTotal);
        return new ColumnDriftOutcome(reference.Name, DriftColumnKind.Categorical, result, null, Shares(reference, counts));
    }

    private static ColumnShares Shares(ColumnReference reference, CategoryCounts counts)
    {
        var top = reference.TopLabels;
        var names = new List<string>(top.Length + 1);
        var rs = new List<double>(top.Length + 1);
        var cs = new List<double>(top.Length + 1);
        double rShown = 0, cShown = 0;
        foreach (var label in top)
        {
            var i = reference.Index[label];
            names.Add(label);
            var rv = (double)counts.Reference[i] / counts.ReferenceTotal;
            var cv = (double)counts.Current[i] / counts.CurrentTotal;
            rs.Add(rv); cs.Add(cv);
            rShown += counts.Reference[i]; cShown += counts.Current[i];
        }
        if (rShown < counts.ReferenceTotal || cShown < counts.CurrentTotal)
        {
            names.Add("(other)");
            rs.Add((counts.ReferenceTotal - rShown) / counts.ReferenceTotal);
            cs.Add((counts.CurrentTotal - cShown) / counts.CurrentTotal);
        }
        return new ColumnShares([], names, rs, cs);
    }

    private static ColumnDriftOutcome Skip(ColumnReference reference, string reason) => new(reference.Name, reference.Kind, null, reason, null);
}
