namespace Vigil.Core.Drift;

/// <summary>
/// The outcome of one drift method on one column: what was measured, which threshold was applied and the
/// decision. Built only by <see cref="DriftDecision.Decide"/>, so the comparison direction lives in one place.
/// </summary>
/// <param name="Method">The method id (e.g. <c>ks</c>).</param>
/// <param name="Statistic">The statistic or distance; NaN when undefined (see <see cref="Reason"/>).</param>
/// <param name="PValue">The p-value for p-value methods; null for distances.</param>
/// <param name="ScoreKind">Whether the decision used the p-value or the distance.</param>
/// <param name="Threshold">The threshold actually used.</param>
/// <param name="Drift">True when drift was detected (p &lt; threshold, or distance ≥ threshold).</param>
/// <param name="ReferenceCount">Reference sample size (non-missing values).</param>
/// <param name="CurrentCount">Current sample size (non-missing values).</param>
public sealed record DriftResult(
    string Method,
    double Statistic,
    double? PValue,
    DriftScoreKind ScoreKind,
    double Threshold,
    bool Drift,
    long ReferenceCount,
    long CurrentCount)
{
    /// <summary>Why the statistic is undefined, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>The binning rule (binned methods), or null.</summary>
    public string? Binning { get; init; }

    /// <summary>The empty-bin rule (binned methods), or null.</summary>
    public string? EmptyBinRule { get; init; }

    /// <summary>Categories seen in current but not in reference.</summary>
    public IReadOnlyList<string> UnseenCategories { get; init; } = [];

    /// <summary>How the p-value was computed (exact, asymptotic, permutation…), or null.</summary>
    public string? PValueMethod { get; init; }
}

/// <summary>
/// The single place that turns a <see cref="DriftStatistic"/> into a decision: p-value methods drift when
/// p &lt; threshold, distances when statistic ≥ threshold. An undefined (NaN) score never signals drift.
/// </summary>
public static class DriftDecision
{
    /// <summary>True when the score signals drift under the threshold (see the type's summary for the rule).</summary>
    public static bool IsDrift(DriftScoreKind kind, double statistic, double? pValue, double threshold) =>
        kind == DriftScoreKind.PValue
            ? pValue is { } p && !double.IsNaN(p) && p < threshold
            : !double.IsNaN(statistic) && statistic >= threshold;

    /// <summary>
    /// Resolves the threshold (explicit, else the method's default) and decides. Throws
    /// <see cref="ArgumentException"/> naming the method when it has no default and none was given.
    /// </summary>
    public static DriftResult Decide(IDriftMethod method, DriftStatistic statistic, double? threshold, long referenceCount, long currentCount)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(statistic);
        var t = ResolveThreshold(method, threshold);
        return new DriftResult(method.Id, statistic.Statistic, statistic.PValue, method.ScoreKind, t,
            IsDrift(method.ScoreKind, statistic.Statistic, statistic.PValue, t), referenceCount, currentCount)
        {
            Reason = statistic.Reason,
            Binning = statistic.Binning,
            EmptyBinRule = statistic.EmptyBinRule,
            UnseenCategories = statistic.UnseenCategories,
            PValueMethod = statistic.PValueMethod,
        };
    }

    /// <summary>The threshold to use: the explicit one, else the method's default; throws when neither exists or it is not finite.</summary>
    public static double ResolveThreshold(IDriftMethod method, double? threshold)
    {
        ArgumentNullException.ThrowIfNull(method);
        var t = threshold ?? method.DefaultThreshold
            ?? throw new ArgumentException($"drift method '{method.Id}' has no default threshold: give one with --threshold (a distance in the data's units)", nameof(threshold));
        if (!double.IsFinite(t) || t < 0)
            throw new ArgumentException($"drift method '{method.Id}': threshold must be a finite non-negative number, got {t}", nameof(threshold));
        if (method.ScoreKind == DriftScoreKind.PValue && t > 1)
            throw new ArgumentException($"drift method '{method.Id}': a p-value threshold must be in [0, 1], got {t}", nameof(threshold));
        return t;
    }
}
