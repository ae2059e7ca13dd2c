namespace Vigil.Core.Quality.Expectations;

/// <summary><c>null_share_at_most</c>: the share of missing values is at most <see cref="MaxShare"/>. Failing rows: the missing ones. Cost O(n).</summary>
public sealed class NullShareAtMostExpectation : ExpectationBase
{
    /// <summary>Creates the check; <paramref name="maxShare"/> must lie in [0, 1].</summary>
    public NullShareAtMostExpectation(string column, double maxShare, ExpectationOptions? options = null) : base("null_share_at_most", [column], options)
    {
        if (!(maxShare is >= 0 and <= 1)) throw new ArgumentException($"null_share_at_most: max must lie in [0, 1], got {maxShare}", nameof(maxShare));
        MaxShare = maxShare;
    }

    /// <summary>The largest accepted share of missing values.</summary>
    public double MaxShare { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var sample = new FailureSample(frame, column);
        sample.RecordMissing(column);
        var share = column.Length == 0 ? 0.0 : (double)sample.Count / column.Length;
        return FromSample(sample, share, $"missing share {ExpectationText.Number(share)} > {ExpectationText.Number(MaxShare)}", share <= MaxShare);
    }
}
