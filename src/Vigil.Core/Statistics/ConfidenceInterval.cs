namespace Vigil.Core.Statistics;

/// <summary>
/// A two-sided confidence interval: <see cref="Low"/>, <see cref="High"/> at <see cref="Level"/> (e.g. 0.95),
/// made by <see cref="Method"/> (<c>percentile</c>, <c>bca</c> or <c>delong</c>). NaN bounds mean the interval
/// could not be formed (see <see cref="Reason"/>).
/// </summary>
public sealed record ConfidenceInterval(double Low, double High, string Method, double Level, string? Reason = null)
{
    /// <summary>An interval that could not be formed.</summary>
    public static ConfidenceInterval Unavailable(string method, double level, string reason) => new(double.NaN, double.NaN, method, level, reason);
}
