namespace Vigil.Core.Drift;

/// <summary>
/// L∞ distance max |ref − cur| over bin or category shares (id <c>l_infinity</c>), in [0, 1], symmetric.
/// </summary>
public sealed class LInfinity : BinnedDistance
{
    /// <summary>Creates the method; <paramref name="binning"/> null means 10 reference-quantile bins.</summary>
    public LInfinity(DriftBinning? binning = null) : base(binning) { }

    /// <inheritdoc/>
    public override string Id => "l_infinity";

    /// <inheritdoc/>
    protected override double Distance(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        double max = 0;
        for (var i = 0; i < referenceShares.Length; i++) max = Math.Max(max, Math.Abs(referenceShares[i] - currentShares[i]));
        return max;
    }
}
