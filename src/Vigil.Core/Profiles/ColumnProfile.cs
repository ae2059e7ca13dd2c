using Vigil.Core.Data;
using Vigil.Core.Sketches;

namespace Vigil.Core.Profiles;

/// <summary>
/// The mergeable summary of one column: row count, missing count, count of values per logical type, and sketches —
/// exact moments (<see cref="RunningMoments"/>) and a KLL quantile sketch for numeric and timestamp values
/// (timestamps as seconds since 1970-01-01 UTC), a HyperLogLog distinct count for every column, and Space-Saving
/// frequent items for categorical, boolean and text values. The same column read as numeric from one file and as
/// text from another keeps both kinds of sketch; its distinct count then counts the number 1 and the text "1" twice.
/// <para><see cref="Merge"/> is associative and commutative: exactly for counts, type counts and the distinct-count
/// registers, up to rounding (≈1e-12 relative) for mean and variance, and within each sketch's stated error for
/// quantiles and frequent items.</para>
/// </summary>
public sealed class ColumnProfile
{
    private readonly Dictionary<ColumnType, long> typeCounts;

    internal ColumnProfile(string name, ColumnType type, long count, long nulls, Dictionary<ColumnType, long> typeCounts,
        RunningMoments? moments, KllSketch? quantiles, HyperLogLog distinct, SpaceSaving? frequentItems)
    {
        Name = name;
        Type = type;
        Count = count;
        Nulls = nulls;
        this.typeCounts = typeCounts;
        Moments = moments;
        Quantiles = quantiles;
        Distinct = distinct;
        FrequentItems = frequentItems;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The column's logical type: the type of most non-missing values (ties: the first in <see cref="ColumnType"/> order).</summary>
    public ColumnType Type { get; }

    /// <summary>Rows, missing included.</summary>
    public long Count { get; }

    /// <summary>Missing rows.</summary>
    public long Nulls { get; }

    /// <summary>Non-missing values per logical type.</summary>
    public IReadOnlyDictionary<ColumnType, long> TypeCounts => typeCounts;

    /// <summary>Exact moments of the numeric (or timestamp, in seconds) values; null when the column never held any.</summary>
    public RunningMoments? Moments { get; }

    /// <summary>KLL sketch of the numeric (or timestamp, in seconds) values; null when the column never held any.</summary>
    public KllSketch? Quantiles { get; }

    /// <summary>Distinct-count sketch of all non-missing values.</summary>
    public HyperLogLog Distinct { get; }

    /// <summary>Frequent categorical / boolean / text values; null when the column never held any.</summary>
    public SpaceSaving? FrequentItems { get; }

    /// <summary>Estimated number of distinct non-missing values.</summary>
    public double DistinctEstimate => Distinct.Estimate();

    /// <summary>Profiles one column of a frame (all rows). Cost: O(rows) with one KLL and one HyperLogLog update per numeric value.</summary>
    public static ColumnProfile Of(Column column, ProfileSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        var s = settings ?? ProfileSettings.Default;
        var distinct = new HyperLogLog(s.DistinctPrecision);
        var types = new Dictionary<ColumnType, long>();
        RunningMoments? moments = null;
        KllSketch? kll = null;
        SpaceSaving? items = null;
        long nulls;
        switch (column)
        {
            case NumericColumn num:
                moments = new RunningMoments();
                kll = new KllSketch(s.QuantileK);
                moments.Update(num.Values); // two-pass batch: no division per value
                foreach (var v in num.Values)
                {
                    if (double.IsNaN(v)) continue;
                    kll.Update(v);
                    distinct.Update(v);
                }
                nulls = moments.Nulls;
                if (moments.Count > 0) types[ColumnType.Numeric] = moments.Count;
                break;
            case TimestampColumn ts:
                moments = new RunningMoments();
                kll = new KllSketch(s.QuantileK);
                foreach (var t in ts.Ticks)
                {
                    if (t == TimestampColumn.Missing) { moments.UpdateMissing(); continue; }
                    var seconds = (t - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond;
                    moments.Update(seconds);
                    kll.Update(seconds);
                    distinct.Update(seconds);
                }
                nulls = moments.Nulls;
                if (moments.Count > 0) types[ColumnType.Timestamp] = moments.Count;
                break;
            case CategoricalColumn cat:
                items = new SpaceSaving(s.FrequentItems);
                var perCode = new long[cat.Categories.Length];
                nulls = 0;
                foreach (var c in cat.Codes)
                    if (c < 0) nulls++; else perCode[c]++;
                for (var i = 0; i < perCode.Length; i++)
                {
                    if (perCode[i] == 0) continue;
                    items.Update(cat.Categories[i], perCode[i]);
                    distinct.Update(cat.Categories[i]);
                }
                if (cat.Length - nulls > 0) types[cat.Type] = cat.Length - nulls;
                break;
            default:
                throw new ArgumentException($"column '{column.Name}': unsupported column kind {column.GetType().Name}", nameof(column));
        }
        return new ColumnProfile(column.Name, column.Type, column.Length, nulls, types, moments, kll, distinct, items);
    }

    /// <summary>
    /// The profile of both inputs' rows together; neither input changes. Throws <see cref="ArgumentException"/> when
    /// the names differ or the sketches have different sizes.
    /// </summary>
    public ColumnProfile Merge(ColumnProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Name, other.Name, StringComparison.Ordinal))
            throw new ArgumentException($"cannot merge profiles of columns '{Name}' and '{other.Name}'", nameof(other));
        var types = new Dictionary<ColumnType, long>(typeCounts);
        foreach (var (t, c) in other.typeCounts) types[t] = types.GetValueOrDefault(t) + c;
        var distinct = Distinct.Clone();
        distinct.Merge(other.Distinct);
        return new ColumnProfile(Name, Dominant(types, Type, other.Type), Count + other.Count, Nulls + other.Nulls, types,
            Combine(Moments, other.Moments, (a, b) => a.Merge(b), m => m.Clone()),
            Combine(Quantiles, other.Quantiles, (a, b) => a.Merge(b), k => k.Clone()),
            distinct,
            Combine(FrequentItems, other.FrequentItems, (a, b) => a.Merge(b), f => f.Clone()));
    }

    private static T? Combine<T>(T? a, T? b, Action<T, T> merge, Func<T, T> clone) where T : class
    {
        if (a is null) return b is null ? null : clone(b);
        var result = clone(a);
        if (b is not null) merge(result, b);
        return result;
    }

    private static ColumnType Dominant(Dictionary<ColumnType, long> types, ColumnType a, ColumnType b)
    {
        if (types.Count == 0) return a <= b ? a : b;
        var best = ColumnType.Numeric;
        long bestCount = -1;
        foreach (var t in Enum.GetValues<ColumnType>())
            if (types.TryGetValue(t, out var c) && c > bestCount) { best = t; bestCount = c; }
        return best;
    }
}
