using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>not_null</c>: the share of non-missing values is at least <see cref="Mostly"/> (default 1: no missing value).
/// Observed: the non-missing share (an empty column has share 1: nothing is missing). Failing rows: the missing ones.
/// Cost O(n).
/// </summary>
public sealed class NotNullExpectation : ExpectationBase
{
    /// <summary>Creates the check; <paramref name="mostly"/> must lie in [0, 1].</summary>
    public NotNullExpectation(string column, double mostly = 1.0, ExpectationOptions? options = null) : base("not_null", [column], options)
    {
        if (!(mostly is >= 0 and <= 1)) throw new ArgumentException($"not_null: mostly must lie in [0, 1], got {mostly}", nameof(mostly));
        Mostly = mostly;
    }

    /// <summary>The minimum share of non-missing values.</summary>
    public double Mostly { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var sample = new FailureSample(frame, column);
        sample.RecordMissing(column);
        var share = column.Length == 0 ? 1.0 : 1.0 - (double)sample.Count / column.Length;
        var ok = share >= Mostly;
        return FromSample(sample, share, Mostly >= 1
            ? $"{sample.Count} missing values"
            : $"non-missing share {ExpectationText.Number(share)} < mostly {ExpectationText.Number(Mostly)} ({sample.Count} missing)", ok);
    }
}
