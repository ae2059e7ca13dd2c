namespace Vigil.Core.Drift;

/// <summary>
/// Hellinger distance H = √(½ Σ (√ref − √cur)²) on bin or category shares (id <c>hellinger</c>), in [0, 1],
/// symmetric; computed in the difference form, which does not cancel for nearly equal shares.
/// </summary>
public sealed class Hellinger : BinnedDistance
{
    /// <summary>Creates the method; <paramref name="binning"/> null means 10 reference-quantile bins.</summary>
    public Hellinger(DriftBinning? binning = null) : base(binning) { }

    /// <inheritdoc/>
    public override string Id => "hellinger";

    /// <inheritdoc/>
    protected override double Distance(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        double sum = 0;
        for (var i = 0; i < referenceShares.Length; i++)
        {
            var d = Math.Sqrt(referenceShares[i]) - Math.Sqrt(currentShares[i]);
            sum += d * d;
        }
        return Math.Sqrt(sum / 2);
    }
}
