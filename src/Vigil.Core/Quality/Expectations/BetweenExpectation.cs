using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>between</c>: every non-missing value lies within [<see cref="Min"/>, <see cref="Max"/>] (either bound optional;
/// <see cref="StrictMin"/> / <see cref="StrictMax"/> make it open). A categorical column is accepted: its values are
/// parsed as numbers and text that is not a number fails (so a stray "n/a" is found, not hidden). Missing values are
/// ignored. Observed: the share of failing non-missing values. Cost O(n).
/// </summary>
public sealed class BetweenExpectation : ExpectationBase
{
    /// <summary>Creates the check; at least one bound is required and min ≤ max.</summary>
    public BetweenExpectation(string column, double? min, double? max, bool strictMin = false, bool strictMax = false, ExpectationOptions? options = null)
        : base("between", [column], options)
    {
        if (min is null && max is null) throw new ArgumentException("between: give min, max or both", nameof(min));
        if (min is { } a && max is { } b && a > b) throw new ArgumentException($"between: min {a} is greater than max {b}", nameof(min));
        if (min is { } m && double.IsNaN(m) || max is { } x && double.IsNaN(x)) throw new ArgumentException("between: bounds must be numbers", nameof(min));
        Min = min;
        Max = max;
        StrictMin = strictMin;
        StrictMax = strictMax;
    }

    /// <summary>The lower bound, or null.</summary>
    public double? Min { get; }

    /// <summary>The upper bound, or null.</summary>
    public double? Max { get; }

    /// <summary>True when values equal to <see cref="Min"/> fail.</summary>
    public bool StrictMin { get; }

    /// <summary>True when values equal to <see cref="Max"/> fail.</summary>
    public bool StrictMax { get; }

    private bool Inside(double x)
    {
        if (double.IsNaN(x)) return false;
        if (Min is { } a && (StrictMin ? x <= a : x < a)) return false;
        if (Max is { } b && (StrictMax ? x >= b : x > b)) return false;
        return true;
    }

    /// <summary>The interval as text, e.g. <c>[0, 10)</c>.</summary>
    public string Interval => $"{(StrictMin ? "(" : "[")}{(Min is { } a ? ExpectationText.Number(a) : "-inf")}, {(Max is { } b ? ExpectationText.Number(b) : "inf")}{(StrictMax ? ")" : "]")}";

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var sample = new FailureSample(frame, column);
        long present = 0;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        switch (column)
        {
            case NumericColumn n:
                for (var i = 0; i < n.Values.Length; i++)
                {
                    var x = n.Values[i];
                    if (double.IsNaN(x)) continue;
                    present++;
                    if (x < lo) lo = x;
                    if (x > hi) hi = x;
                    if (!Inside(x)) sample.Record(i);
                }
                break;
            case CategoricalColumn c:
            {
                var numbers = ExpectationText.CategoryNumbers(c);
                var ok = new bool[numbers.Length];
                for (var k = 0; k < ok.Length; k++) ok[k] = Inside(numbers[k]);
                for (var i = 0; i < c.Codes.Length; i++)
                {
                    var code = c.Codes[i];
                    if (code < 0) continue;
                    present++;
                    var x = numbers[code];
                    if (!double.IsNaN(x)) { if (x < lo) lo = x; if (x > hi) hi = x; }
                    if (!ok[code]) sample.Record(i);
                }
                break;
            }
            default:
                return WrongType(column, "numbers");
        }
        var share = present == 0 ? 0.0 : (double)sample.Count / present;
        var range = present == 0 ? "no values" : $"observed range [{ExpectationText.Number(lo)}, {ExpectationText.Number(hi)}]";
        return FromSample(sample, share, $"{sample.Count} value{(sample.Count == 1 ? "" : "s")} outside {Interval}; {range}") with
        {
            ObservedText = present == 0 || double.IsInfinity(lo) ? null : $"min {ExpectationText.Number(lo)}, max {ExpectationText.Number(hi)}",
        };
    }
}
