using System.Globalization;
using Vigil.Core.Data;
using Vigil.Core.Statistics;

namespace Vigil.Core.Fairness;

/// <summary>
/// The assignment of evaluated rows to sensitive groups: <see cref="GroupOf"/>[row] indexes <see cref="GroupNames"/>,
/// −1 when a sensitive value is missing (such rows are left out of the fairness assessment and counted in
/// <see cref="RowsWithoutGroup"/>). With one column a group is named <c>sex=Female</c>; with several, groups are
/// the intersections that occur in the data, named <c>sex=Female &amp; race=Black</c>, ordered by the first column's
/// categories (order of first appearance, bins ascending), then the second's, and so on.
/// </summary>
public sealed class SensitiveGroups
{
    /// <summary>The default number of equal-mass bins for a numeric sensitive column without caller-supplied edges.</summary>
    public const int DefaultQuantileBins = 4;

    /// <summary>Wraps an assignment (arrays are not copied); throws when a group index is out of range.</summary>
    public SensitiveGroups(IReadOnlyList<string> columns, int[] groupOf, IReadOnlyList<string> groupNames,
        IReadOnlyList<SensitiveColumnBinning>? binnings = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(groupOf);
        ArgumentNullException.ThrowIfNull(groupNames);
        var without = 0;
        foreach (var g in groupOf)
        {
            if (g < -1 || g >= groupNames.Count)
                throw new ArgumentException($"Group index {g} is outside [-1, {groupNames.Count}).", nameof(groupOf));
            if (g < 0) without++;
        }
        SensitiveColumns = columns;
        GroupOf = groupOf;
        GroupNames = groupNames;
        Binnings = binnings ?? [];
        RowsWithoutGroup = without;
    }

    /// <summary>The sensitive column names, in the order given.</summary>
    public IReadOnlyList<string> SensitiveColumns { get; }

    /// <summary>Per evaluated row, the group index, or −1 when a sensitive value is missing.</summary>
    public int[] GroupOf { get; }

    /// <summary>Group names, indexed by <see cref="GroupOf"/>.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>How each numeric sensitive column was binned (empty when all are categorical).</summary>
    public IReadOnlyList<SensitiveColumnBinning> Binnings { get; }

    /// <summary>Rows whose sensitive value (in any column) is missing.</summary>
    public int RowsWithoutGroup { get; }

    /// <summary>Number of evaluated rows.</summary>
    public int RowCount => GroupOf.Length;

    /// <summary>
    /// Groups rows of <paramref name="frame"/> by the values of <paramref name="columns"/>. Categorical, boolean and
    /// text columns group by value; numeric columns are cut at <paramref name="binEdges"/>[column] when given (interior
    /// cut points, strictly ascending), otherwise into <paramref name="quantileBins"/> equal-mass bins whose edges are
    /// numpy-default (linear, R7) quantiles of the column over the evaluated rows, with duplicate edges and edges at
    /// the minimum or maximum dropped (so the bins equal pandas <c>qcut(..., duplicates="drop")</c>'s).
    /// <paramref name="rows"/> maps evaluated row i to frame row rows[i] (e.g. <c>PreparedData.SourceRows</c>);
    /// null means every frame row in order. A missing column, a timestamp column or bad edges throw
    /// <see cref="ArgumentException"/> naming the column. Cost O(n·c + n log n) for c columns.
    /// </summary>
    public static SensitiveGroups FromColumns(DataFrame frame, IReadOnlyList<string> columns, int[]? rows = null,
        IReadOnlyDictionary<string, double[]>? binEdges = null, int quantileBins = DefaultQuantileBins)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("Give at least one sensitive column.", nameof(columns));
        if (quantileBins < 1) throw new ArgumentOutOfRangeException(nameof(quantileBins), "At least one bin.");
        var n = rows?.Length ?? frame.RowCount;
        if (rows is not null)
            foreach (var r in rows)
                if ((uint)r >= (uint)frame.RowCount) throw new ArgumentException($"Row {r} is outside the frame.", nameof(rows));

        var codes = new int[columns.Count][];
        var levels = new string[columns.Count][];
        var binnings = new List<SensitiveColumnBinning>();
        for (var c = 0; c < columns.Count; c++)
        {
            var name = columns[c];
            var column = frame.Find(name) ?? throw new ArgumentException(
                $"Sensitive column '{name}' not found; columns are: {string.Join(", ", frame.ColumnNames)}.", nameof(columns));
            for (var p = 0; p < c; p++)
                if (columns[p] == name) throw new ArgumentException($"Sensitive column '{name}' is listed twice.", nameof(columns));
            switch (column)
            {
                case CategoricalColumn cat:
                    codes[c] = new int[n];
                    for (var i = 0; i < n; i++) codes[c][i] = cat.Codes[rows is null ? i : rows[i]];
                    levels[c] = new string[cat.Categories.Length];
                    for (var k = 0; k < levels[c].Length; k++) levels[c][k] = name + "=" + cat.Categories[k];
                    break;
                case NumericColumn num:
                    var values = new double[n];
                    for (var i = 0; i < n; i++) values[i] = num.Values[rows is null ? i : rows[i]];
                    double[] edges;
                    string rule;
                    if (binEdges is not null && binEdges.TryGetValue(name, out var given))
                    {
                        edges = CheckEdges(name, given);
                        rule = "given";
                    }
                    else
                    {
                        edges = QuantileEdges(values, quantileBins);
                        rule = string.Create(CultureInfo.InvariantCulture, $"quantile({quantileBins})");
                    }
                    binnings.Add(new SensitiveColumnBinning(name, edges, rule));
                    codes[c] = new int[n];
                    for (var i = 0; i < n; i++) codes[c][i] = double.IsNaN(values[i]) ? -1 : BinOf(values[i], edges);
                    levels[c] = BinNames(name, edges);
                    break;
                default:
                    throw new ArgumentException($"Sensitive column '{name}' is a {column.Type} column; use a categorical or numeric column.", nameof(columns));
            }
        }

        // Mixed-radix key over the columns' level counts, so sorting keys orders groups column by column.
        var keys = new long[n];
        for (var i = 0; i < n; i++)
        {
            long key = 0;
            for (var c = 0; c < columns.Count; c++)
            {
                var code = codes[c][i];
                if (code < 0) { key = -1; break; }
                key = checked(key * levels[c].Length + code);
            }
            keys[i] = key;
        }
        var distinct = (long[])keys.Clone();
        Array.Sort(distinct);
        var count = 0;
        for (var i = 0; i < distinct.Length; i++)
            if (distinct[i] >= 0 && (count == 0 || distinct[count - 1] != distinct[i])) distinct[count++] = distinct[i];
        var names = new string[count];
        var parts = new string[columns.Count];
        for (var g = 0; g < count; g++)
        {
            var key = distinct[g];
            for (var c = columns.Count - 1; c >= 0; c--)
            {
                parts[c] = levels[c][(int)(key % levels[c].Length)];
                key /= levels[c].Length;
            }
            names[g] = string.Join(" & ", parts);
        }
        var groupOf = new int[n];
        var sortedKeys = distinct.AsSpan(0, count);
        for (var i = 0; i < n; i++) groupOf[i] = keys[i] < 0 ? -1 : sortedKeys.BinarySearch(keys[i]);
        return new SensitiveGroups([.. columns], groupOf, names, binnings);
    }

    /// <summary>
    /// Interior edges of <paramref name="bins"/> equal-mass bins: quantiles at k/bins (k = 1..bins−1, numpy's linear
    /// interpolation) of the non-missing values, deduplicated, without edges at the minimum or maximum. Empty when
    /// there are no non-missing values.
    /// </summary>
    public static double[] QuantileEdges(ReadOnlySpan<double> values, int bins)
    {
        var sorted = new double[values.Length];
        var m = 0;
        foreach (var v in values)
            if (!double.IsNaN(v)) sorted[m++] = v;
        if (m == 0) return [];
        Array.Sort(sorted, 0, m);
        var s = sorted.AsSpan(0, m);
        var edges = new List<double>(bins);
        for (var k = 1; k < bins; k++)
        {
            var q = Bootstrap.Quantile(s, (double)k / bins);
            if (q <= s[0] || q >= s[m - 1]) continue;
            if (edges.Count > 0 && edges[^1] == q) continue;
            edges.Add(q);
        }
        return [.. edges];
    }

    private static double[] CheckEdges(string column, double[] edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        for (var i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]))
                throw new ArgumentException($"Bin edges of sensitive column '{column}' must be finite.");
            if (i > 0 && !(edges[i] > edges[i - 1]))
                throw new ArgumentException($"Bin edges of sensitive column '{column}' must be strictly ascending.");
        }
        return (double[])edges.Clone();
    }

    /// <summary>Index of the right-closed bin holding x: the number of edges strictly below x.</summary>
    private static int BinOf(double x, double[] edges)
    {
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static string[] BinNames(string column, double[] edges)
    {
        var names = new string[edges.Length + 1];
        for (var k = 0; k <= edges.Length; k++)
        {
            var low = k == 0 ? "-inf" : Format(edges[k - 1]);
            var high = k == edges.Length ? "inf)" : Format(edges[k]) + "]";
            names[k] = column + "=(" + low + ", " + high;
        }
        return names;
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
