namespace Vigil.Core.Drift;

/// <summary>
/// Energy distance (id <c>energy_distance</c>), scipy 1.10 <c>energy_distance</c>:
/// D = √2 · (∫ (F_ref(x) − F_cur(x))² dx)^{1/2} (Székely &amp; Rizzo 2013, "Energy statistics", J. Stat. Plan.
/// Inference 143). In the data's units, so no default threshold. Cost O(n_ref + n_cur), no allocation.
/// </summary>
public sealed class EnergyDistance : INumericDriftMethod
{
    /// <inheritdoc/>
    public string Id => "energy_distance";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.Distance;
    /// <inheritdoc/>
    public double? DefaultThreshold => null;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric;

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        if (referenceSorted.Length == 0 || currentSorted.Length == 0) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        return new DriftStatistic(Math.Sqrt(2) * Math.Sqrt(Wasserstein.CdfDistance(referenceSorted, currentSorted, 2)), null);
    }
}
