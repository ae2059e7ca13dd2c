using System.Globalization;
using Vigil.Core.Data;
using Vigil.Core.Drift;
using Vigil.Core.Drift.Analysis;
using Vigil.Core.Statistics.Sorting;

namespace Vigil.Monitoring.Windows;

/// <summary>
/// The per-column reference work a window reuses: the column's drift kind (decided once from the reference, so a
/// column's test does not change from window to window), its finite values sorted (numeric) or its category counts
/// (categorical), the drift method and threshold when they do not depend on the window, and the reference side of the
/// dashboard distribution. Built once per monitor; read-only afterwards (thread-safe).
/// </summary>
internal sealed class ColumnReference
{
    /// <summary>Categories shown in a categorical distribution before the rest is pooled as "(other)".</summary>
    public const int DistributionCategories = 10;

    /// <summary>Bins of a numeric distribution (reference quantiles).</summary>
    public const int DistributionBins = 10;

    private ColumnReference(string name) => Name = name;

    public string Name { get; }

    /// <summary>Numeric or categorical; null when the column is not tested (see <see cref="SkipReason"/>).</summary>
    public DriftColumnKind? Kind { get; private init; }

    public string? SkipReason { get; private init; }

    /// <summary>Numeric: finite reference values, ascending.</summary>
    public double[] Sorted { get; private init; } = [];

    /// <summary>Numeric: distribution edges (reference minimum, inner quantile edges, reference maximum).</summary>
    public double[] Edges { get; private init; } = [];

    /// <summary>Numeric: reference share per distribution bin.</summary>
    public double[] EdgeShares { get; private init; } = [];

    /// <summary>Categorical: labels in order of first appearance in the reference.</summary>
    public string[] Labels { get; private init; } = [];

    /// <summary>Categorical: reference count per label.</summary>
    public long[] Counts { get; private init; } = [];

    /// <summary>Categorical: label → index.</summary>
    public Dictionary<string, int> Index { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Categorical: the labels shown in the distribution (most frequent in the reference first).</summary>
    public string[] TopLabels { get; private init; } = [];

    /// <summary>The method, when it is fixed for every window (always for numeric; for categorical unless the policy chooses by the window's category count).</summary>
    public IDriftMethod? Method { get; private init; }

    /// <summary>The threshold passed to the decision (null: the method's default).</summary>
    public double? Threshold { get; private init; }

    /// <summary>Why the column is not tested in any window, or why its method cannot be used.</summary>
    public static ColumnReference Skipped(string name, string reason) => new(name) { SkipReason = reason };

    /// <summary>
    /// Prepares a column. <paramref name="drift"/> gives the method and threshold overrides. Never throws for data
    /// problems: the column is skipped with a reason instead.
    /// </summary>
    public static ColumnReference Build(Column column, Configuration.DriftConfig drift, DriftMethodCatalog catalog, int categoricalLimit = 10)
    {
        var name = column.Name;
        if (column.Type == ColumnType.Timestamp) return Skipped(name, "timestamp column: not tested");
        if (column.Type == ColumnType.Text)
        {
            var distinct = column is CategoricalColumn c ? c.Categories.Length : 0;
            return Skipped(name, string.Create(CultureInfo.InvariantCulture, $"text column ({distinct} distinct reference values): free text or ids are not tested"));
        }
        if (column is NumericColumn numeric)
        {
            var finite = new List<double>(numeric.Length);
            foreach (var x in numeric.Values) if (double.IsFinite(x)) finite.Add(x);
            if (finite.Count == 0) return Skipped(name, "no values in the reference data (all missing)");
            var sorted = finite.ToArray();
            DoubleSort.Ascending(sorted);
            var type = DriftColumnTyping.ClassifyNumeric(sorted, [], categoricalLimit);
            if (type.Excluded) return Skipped(name, type.Reason);
            if (type.Kind == DriftColumnKind.Numeric) return Numeric(name, sorted, drift, catalog);
        }
        return Categorical(column, drift, catalog);
    }

    private static (IDriftMethod? Method, double? Threshold, string? Skip) Plan(string name, DriftColumnKind kind, long referenceRows, long distinct, Configuration.DriftConfig drift, DriftMethodCatalog catalog, bool fixedOnly)
    {
        var wanted = kind == DriftColumnKind.Numeric ? DriftDataKinds.Numeric : DriftDataKinds.Categorical;
        var kindText = kind == DriftColumnKind.Numeric ? "numeric" : "categorical";
        drift.Overrides.TryGetValue(name, out var o);
        double? threshold = o?.Threshold ?? drift.Threshold;
        IDriftMethod method;
        if (o?.Method is { } id)
        {
            method = catalog.Get(id);
            if ((method.SupportedData & wanted) == 0) return (null, null, $"drift.overrides.{name}.method: {id} does not accept {kindText} columns");
        }
        else if (drift.Method is not null && (catalog.Get(drift.Method).SupportedData & wanted) != 0)
        {
            method = catalog.Get(drift.Method);
        }
        else
        {
            if (fixedOnly && kind == DriftColumnKind.Categorical && referenceRows <= DriftMethodPolicy.SmallSampleLimit) return (null, threshold, null);
            var choice = DriftMethodPolicy.Choose(kind, referenceRows, distinct);
            method = catalog.Get(choice.Method);
            threshold ??= choice.Threshold;
        }
        try { DriftDecision.ResolveThreshold(method, threshold); }
        catch (ArgumentException e) { return (null, null, e.Message.Split(" (Parameter")[0]); }
        return (method, threshold, null);
    }

    /// <summary>The method and threshold for a categorical window whose union has <paramref name="observedCategories"/> categories.</summary>
    public (IDriftMethod? Method, double? Threshold, string? Skip) CategoricalPlan(long referenceTotal, long observedCategories, Configuration.DriftConfig drift, DriftMethodCatalog catalog) =>
        Method is not null ? (Method, Threshold, null) : Plan(Name, DriftColumnKind.Categorical, referenceTotal, observedCategories, drift, catalog, fixedOnly: false);

    private static ColumnReference Numeric(string name, double[] sorted, Configuration.DriftConfig drift, DriftMethodCatalog catalog)
    {
        var (method, threshold, skip) = Plan(name, DriftColumnKind.Numeric, sorted.Length, 0, drift, catalog, fixedOnly: true);
        if (skip is not null) return Skipped(name, skip);
        var edges = QuantileEdges(sorted, DistributionBins);
        return new ColumnReference(name)
        {
            Kind = DriftColumnKind.Numeric,
            Sorted = sorted,
            Method = method,
            Threshold = threshold,
            Edges = edges,
            EdgeShares = BinShares(sorted, edges),
        };
    }

    private static ColumnReference Categorical(Column column, Configuration.DriftConfig drift, DriftMethodCatalog catalog)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var counts = new List<long>();
        for (var i = 0; i < column.Length; i++)
        {
            var label = LabelOf(column, i);
            if (label is null) continue;
            if (!index.TryGetValue(label, out var k)) { k = labels.Count; index.Add(label, k); labels.Add(label); counts.Add(0); }
            counts[k]++;
        }
        long total = 0;
        foreach (var c in counts) total += c;
        if (total == 0) return Skipped(column.Name, "no values in the reference data (all missing)");
        if (column is not NumericColumn && total > 10 && labels.Count == total)
            return Skipped(column.Name, string.Create(CultureInfo.InvariantCulture, $"id-like: all {total} reference values are distinct"));
        var (method, threshold, skip) = Plan(column.Name, DriftColumnKind.Categorical, total, labels.Count, drift, catalog, fixedOnly: true);
        if (skip is not null) return Skipped(column.Name, skip);
        var countArray = counts.ToArray();
        var top = Enumerable.Range(0, labels.Count).OrderByDescending(i => countArray[i]).ThenBy(i => i).Take(DistributionCategories).Select(i => labels[i]).ToArray();
        return new ColumnReference(column.Name)
        {
            Kind = DriftColumnKind.Categorical,
            Labels = [.. labels],
            Counts = countArray,
            Index = index,
            TopLabels = top,
            Method = method,
            Threshold = threshold,
        };
    }

    /// <summary>The category label of a row as the drift engine writes it (numbers invariantly, "R"), or null when missing.</summary>
    public static string? LabelOf(Column column, int row) => column switch
    {
        NumericColumn n => double.IsFinite(n.Values[row]) ? n.Values[row].ToString("R", CultureInfo.InvariantCulture) : null,
        _ => column.GetText(row),
    };

    /// <summary>Distribution edges: the reference minimum, the distinct R7 quantiles at i/B (i = 1…B−1) and the maximum.</summary>
    public static double[] QuantileEdges(double[] sorted, int bins)
    {
        var edges = new List<double>(bins + 1) { sorted[0] };
        for (var i = 1; i < bins; i++)
        {
            var q = QuantileR7(sorted, (double)i / bins);
            if (q > edges[^1]) edges.Add(q);
        }
        if (sorted[^1] > edges[^1] || edges.Count == 1) edges.Add(sorted[^1]);
        return [.. edges];
    }

    /// <summary>Shares of a sorted sample in the right-closed bins of <paramref name="edges"/>, the outer bins open (values beyond the reference range count in the first / last bin).</summary>
    public static double[] BinShares(ReadOnlySpan<double> sorted, double[] edges)
    {
        var bins = Math.Max(1, edges.Length - 1);
        var shares = new double[bins];
        if (sorted.IsEmpty) return shares;
        var previous = 0;
        for (var b = 0; b < bins; b++)
        {
            var upto = b == bins - 1 ? sorted.Length : UpperBound(sorted, edges[b + 1]);
            shares[b] = (double)(upto - previous) / sorted.Length;
            previous = upto;
        }
        return shares;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>numpy's default (linear, Hyndman–Fan R7) quantile of a sorted sample.</summary>
    public static double QuantileR7(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
