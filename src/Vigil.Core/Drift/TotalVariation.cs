namespace Vigil.Core.Drift;

/// <summary>
/// Total variation distance ½ Σ |ref − cur| on bin or category shares (id <c>tvd</c>), in [0, 1], symmetric.
/// </summary>
public sealed class TotalVariation : BinnedDistance
{
    /// <summary>Creates the method; <paramref name="binning"/> null means 10 reference-quantile bins.</summary>
    public TotalVariation(DriftBinning? binning = null) : base(binning) { }

    /// <inheritdoc/>
    public override string Id => "tvd";

    /// <inheritdoc/>
    protected override double Distance(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        double sum = 0;
        for (var i = 0; i < referenceShares.Length; i++) sum += Math.Abs(referenceShares[i] - currentShares[i]);
        return sum / 2;
    }
}
