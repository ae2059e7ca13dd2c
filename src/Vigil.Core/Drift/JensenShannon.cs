namespace Vigil.Core.Drift;

/// <summary>
/// Jensen–Shannon distance with base-2 logarithms (id <c>jensenshannon</c>), scipy 1.10 <c>jensenshannon(p, q, base=2)</c>:
/// √((KL(p‖m) + KL(q‖m))/2) with m = (p + q)/2, in [0, 1]; 0·ln 0 = 0 so no floor is needed. Symmetric.
/// Reference: Endres &amp; Schindelin (2003), IEEE Trans. Inf. Theory 49(7).
/// </summary>
public sealed class JensenShannon : BinnedDistance
{
    /// <summary>Creates the method; <paramref name="binning"/> null means 10 reference-quantile bins.</summary>
    public JensenShannon(DriftBinning? binning = null) : base(binning) { }

    /// <inheritdoc/>
    public override string Id => "jensenshannon";

    /// <inheritdoc/>
    protected override double Distance(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        double sum = 0;
        for (var i = 0; i < referenceShares.Length; i++)
        {
            double p = referenceShares[i], q = currentShares[i], m = (p + q) / 2;
            if (p > 0) sum += p * Math.Log(p / m);
            if (q > 0) sum += q * Math.Log(q / m);
        }
        return Math.Sqrt(Math.Max(0, sum / Math.Log(2) / 2));
    }
}
