using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>distinct_count_between</c>: the number of distinct non-missing values lies in the inclusive range (numbers compare
/// exactly, −0 = 0; text ordinally). Observed: the count. Cost O(n).
/// </summary>
public sealed class DistinctCountBetweenExpectation : ExpectationBase
{
    /// <summary>Creates the check.</summary>
    public DistinctCountBetweenExpectation(string column, double? min, double? max, ExpectationOptions? options = null) : base("distinct_count_between", [column], options)
    {
        Range = new ValueRange(min, max, "distinct_count_between");
    }

    /// <summary>The accepted counts.</summary>
    public ValueRange Range { get; }

    /// <summary>The number of distinct non-missing values of <paramref name="column"/>.</summary>
    public static long CountDistinct(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        switch (column)
        {
            case NumericColumn n:
            {
                var set = new HashSet<double>();
                foreach (var x in n.Values) if (!double.IsNaN(x)) set.Add(x == 0 ? 0.0 : x);
                return set.Count;
            }
            case TimestampColumn t:
            {
                var set = new HashSet<long>();
                foreach (var x in t.Ticks) if (x != TimestampColumn.Missing) set.Add(x);
                return set.Count;
            }
            case CategoricalColumn c:
            {
                var seen = new bool[c.Categories.Length];
                long k = 0;
                foreach (var code in c.Codes) if (code >= 0 && !seen[code]) { seen[code] = true; k++; }
                return k;
            }
            default:
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < column.Length; i++) if (column.GetText(i) is { } s) set.Add(s);
                return set.Count;
            }
        }
    }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var k = CountDistinct(column);
        var ok = Range.Contains(k);
        return Result(ok) with { ObservedValue = k, Reason = ok ? null : $"{k} distinct values, expected {Range}" };
    }
}
