using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>length_between</c>: the text length (UTF-16 code units, as .NET <see cref="string.Length"/>) of every non-missing
/// value lies within the inclusive range. Numbers are measured as written invariantly (round-trip). Missing values are
/// ignored. Observed: the share of failing values. Cost O(n) (once per category for categorical columns).
/// </summary>
public sealed class LengthBetweenExpectation : ExpectationBase
{
    /// <summary>Creates the check.</summary>
    public LengthBetweenExpectation(string column, double? min, double? max, ExpectationOptions? options = null) : base("length_between", [column], options)
    {
        Range = new ValueRange(min, max, "length_between");
        if (min < 0) throw new ArgumentException("length_between: min must not be negative", nameof(min));
    }

    /// <summary>The accepted lengths.</summary>
    public ValueRange Range { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var sample = new FailureSample(frame, column);
        var present = sample.RecordTextFailures(column, s => Range.Contains(s.Length));
        var share = present == 0 ? 0.0 : (double)sample.Count / present;
        return FromSample(sample, share, $"{sample.Count} values with length outside {Range}");
    }
}
