namespace Vigil.Core.Drift;

/// <summary>
/// Kullback–Leibler divergence KL(reference ‖ current) = Σ ref·ln(ref/cur) in nats (id <c>kl_div</c>), on the same
/// bins or category shares as <c>psi</c> and with the same 1e-4 floor for empty shares (no renormalisation after
/// the floor). Equals scipy's <c>rel_entr(ref, cur).sum()</c> on the floored shares. Asymmetric, ≥ 0.
/// </summary>
public sealed class KullbackLeibler : BinnedDistance
{
    /// <summary>Creates the method; <paramref name="binning"/> null means 10 reference-quantile bins.</summary>
    public KullbackLeibler(DriftBinning? binning = null) : base(binning) { }

    /// <inheritdoc/>
    public override string Id => "kl_div";

    /// <inheritdoc/>
    protected override bool FloorsEmptyBins => true;

    /// <inheritdoc/>
    protected override double Distance(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares)
    {
        double sum = 0;
        for (var i = 0; i < referenceShares.Length; i++)
            sum += referenceShares[i] * Math.Log(referenceShares[i] / currentShares[i]);
        return sum;
    }
}
