namespace Vigil.Core.Drift;

/// <summary>
/// Wasserstein distance divided by the reference standard deviation (id <c>wasserstein_norm</c>), as Evidently's
/// normed Wasserstein: W1(ref, cur) / max(std(ref, ddof = 0), 0.001). Unit-free, so one default threshold (0.1)
/// serves every column. Cost O(n_ref + n_cur), no allocation.
/// </summary>
public sealed class WassersteinNormalized : INumericDriftMethod
{
    /// <summary>The floor on the reference standard deviation (constant columns).</summary>
    public const double StandardDeviationFloor = 0.001;

    /// <inheritdoc/>
    public string Id => "wasserstein_norm";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.Distance;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.1;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric;

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        if (referenceSorted.Length == 0 || currentSorted.Length == 0) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        var std = Math.Sqrt(Math.Max(0, SortedSamples.MeanVariance(referenceSorted).Variance));
        return new DriftStatistic(Wasserstein.CdfDistance(referenceSorted, currentSorted, 1) / Math.Max(std, StandardDeviationFloor), null);
    }
}
