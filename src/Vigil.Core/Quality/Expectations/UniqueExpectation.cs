using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>unique</c>: no non-missing value occurs twice. Failing rows: every repeat after a value's first occurrence
/// (so the count is rows − distinct). Missing values are ignored. Observed: the number of distinct values.
/// Cost O(n) with a hash set of codes / values.
/// </summary>
public sealed class UniqueExpectation : ExpectationBase
{
    /// <summary>Creates the check.</summary>
    public UniqueExpectation(string column, ExpectationOptions? options = null) : base("unique", [column], options) { }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var sample = new FailureSample(frame, column);
        long distinct = 0;
        switch (column)
        {
            case NumericColumn n:
            {
                var seen = new HashSet<double>();
                for (var i = 0; i < n.Values.Length; i++)
                {
                    var x = n.Values[i];
                    if (double.IsNaN(x)) continue;
                    if (seen.Add(x == 0 ? 0.0 : x)) distinct++; else sample.Record(i);
                }
                break;
            }
            case TimestampColumn t:
            {
                var seen = new HashSet<long>();
                for (var i = 0; i < t.Ticks.Length; i++)
                {
                    if (t.Ticks[i] == TimestampColumn.Missing) continue;
                    if (seen.Add(t.Ticks[i])) distinct++; else sample.Record(i);
                }
                break;
            }
            case CategoricalColumn c:
            {
                var seen = new bool[c.Categories.Length];
                for (var i = 0; i < c.Codes.Length; i++)
                {
                    var code = c.Codes[i];
                    if (code < 0) continue;
                    if (!seen[code]) { seen[code] = true; distinct++; } else sample.Record(i);
                }
                break;
            }
            default:
                return WrongType(column, "a numeric, timestamp or categorical column");
        }
        return FromSample(sample, distinct, $"{sample.Count} rows repeat a value seen earlier");
    }
}
