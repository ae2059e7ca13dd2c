namespace Vigil.Core.Drift;

/// <summary>
/// The raw output of one two-sample drift method before any decision: the statistic, the p-value when the
/// method has one, and optional details. An undefined statistic is NaN with a <see cref="Reason"/>.
/// </summary>
/// <param name="Statistic">The test statistic or distance (NaN when undefined).</param>
/// <param name="PValue">The p-value for p-value methods, null for distances.</param>
public sealed record DriftStatistic(double Statistic, double? PValue)
{
    /// <summary>Why the statistic is undefined (NaN), or null.</summary>
    public string? Reason { get; init; }

    /// <summary>The binning rule used (binned methods only), as it appears in the drift JSON.</summary>
    public string? Binning { get; init; }

    /// <summary>The empty-bin rule used (binned methods only), as it appears in the drift JSON.</summary>
    public string? EmptyBinRule { get; init; }

    /// <summary>Categories present in current but absent from reference (categorical data only); empty when none.</summary>
    public IReadOnlyList<string> UnseenCategories { get; init; } = [];

    /// <summary>A short note on how the p-value was computed (e.g. <c>exact</c>, <c>asymptotic</c>, <c>permutation</c>).</summary>
    public string? PValueMethod { get; init; }

    /// <summary>An undefined result: statistic NaN (and p-value NaN for p-value methods) with the reason.</summary>
    public static DriftStatistic Undefined(DriftScoreKind kind, string reason) =>
        new(double.NaN, kind == DriftScoreKind.PValue ? double.NaN : null) { Reason = reason };
}
