using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>in_set</c> (every non-missing value is one of <see cref="Values"/>) and <c>not_in_set</c> (none is). Text
/// columns compare ordinally; numeric columns compare as numbers (set entries that are not numbers never match).
/// Missing values are ignored (use <c>not_null</c> for them). Observed: the share of failing non-missing values.
/// Cost O(n) (one decision per category, then one lookup per row).
/// </summary>
public sealed class InSetExpectation : ExpectationBase
{
    private readonly HashSet<string> _text;
    private readonly HashSet<double> _numbers;

    /// <summary>Creates the check; <paramref name="exclude"/> = true makes it <c>not_in_set</c>.</summary>
    public InSetExpectation(string column, IReadOnlyList<string> values, bool exclude = false, ExpectationOptions? options = null)
        : base(exclude ? "not_in_set" : "in_set", [column], options)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!exclude && values.Count == 0) throw new ArgumentException("in_set: the set must not be empty", nameof(values));
        Values = values;
        Exclude = exclude;
        _text = new HashSet<string>(values, StringComparer.Ordinal);
        _numbers = [];
        foreach (var v in values)
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) _numbers.Add(x == 0 ? 0.0 : x);
    }

    /// <summary>The set.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>True for <c>not_in_set</c>.</summary>
    public bool Exclude { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var sample = new FailureSample(frame, column);
        long present = 0;
        var unexpected = new SortedSet<string>(StringComparer.Ordinal);
        switch (column)
        {
            case NumericColumn n:
                for (var i = 0; i < n.Values.Length; i++)
                {
                    var x = n.Values[i];
                    if (double.IsNaN(x)) continue;
                    present++;
                    if (_numbers.Contains(x == 0 ? 0.0 : x) == Exclude)
                    {
                        sample.Record(i);
                        if (unexpected.Count < 10) unexpected.Add(ExpectationText.Number(x));
                    }
                }
                break;
            case CategoricalColumn c:
            {
                var bad = new bool[c.Categories.Length];
                for (var k = 0; k < bad.Length; k++) bad[k] = _text.Contains(c.Categories[k]) == Exclude;
                for (var i = 0; i < c.Codes.Length; i++)
                {
                    var code = c.Codes[i];
                    if (code < 0) continue;
                    present++;
                    if (bad[code])
                    {
                        sample.Record(i);
                        if (unexpected.Count < 10) unexpected.Add(c.Categories[code]);
                    }
                }
                break;
            }
            default:
                for (var i = 0; i < column.Length; i++)
                {
                    if (column.GetText(i) is not { } s) continue;
                    present++;
                    if (_text.Contains(s) == Exclude) { sample.Record(i); if (unexpected.Count < 10) unexpected.Add(s); }
                }
                break;
        }
        var share = present == 0 ? 0.0 : (double)sample.Count / present;
        var what = Exclude ? "forbidden" : "unexpected";
        return FromSample(sample, share, $"{sample.Count} rows with {what} values, e.g. {string.Join(", ", unexpected.Select(u => "'" + u + "'"))}");
    }
}
