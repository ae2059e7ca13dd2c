namespace Vigil.Core.Drift;

/// <summary>
/// Population stability index (id <c>psi</c>): PSI = Σ (cur − ref)·ln(cur/ref) over bin or category shares, empty
/// shares replaced by 1e-4 first (the rule Evidently uses; CONTRACTS.md). Symmetric, ≥ 0; 0.1 is the customary
/// "moderate shift" line. Reference: Yurdakul (2018), "Statistical properties of population stability index".
/// </summary>
public sealed class PopulationStabilityIndex : BinnedDistance
{
    /// <summary>Creates the method; <paramref name="binning"/> null means 10 reference-quantile bins.</summary>
    public PopulationStabilityIndex(DriftBinning? binning = null) : base(binning) { }

    /// <inheritdoc/>
    public override string Id => "psi";

    /// <inheritdoc/>
    protected override bool FloorsEmptyBins => true;

    /// <inheritdoc/>
    protected override double Distance(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        double sum = 0;
        for (var i = 0; i < referenceShares.Length; i++)
            sum += (currentShares[i] - referenceShares[i]) * Math.Log(currentShares[i] / referenceShares[i]);
        return sum;
    }
}
