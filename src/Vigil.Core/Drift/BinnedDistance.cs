namespace Vigil.Core.Drift;

/// <summary>
/// Base of the distances computed on bin shares (numeric data, binned by <see cref="DriftBinning"/>) or category
/// shares (categorical data, over the union of categories). Subclasses give only the distance between two share
/// vectors. Cost: O(B log n) for numeric data, O(k) for categories.
/// </summary>
public abstract class BinnedDistance : INumericDriftMethod, ICategoricalDriftMethod
{
    /// <summary>Creates the method with a binning for numeric data (null: <see cref="DriftBinning.Default"/>).</summary>
    protected BinnedDistance(DriftBinning? binning) => Binning = binning ?? DriftBinning.Default;

    /// <summary>The binning used on numeric data.</summary>
    public DriftBinning Binning { get; }

    /// <inheritdoc/>
    public abstract string Id { get; }
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.Distance;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.1;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric | DriftDataKinds.Categorical;

    /// <summary>True when empty shares are floored at <see cref="DriftBinning.EmptyBinShare"/> before the distance (psi, kl_div).</summary>
    protected virtual bool FloorsEmptyBins => false;

    /// <summary>The distance between two share vectors of equal length, each summing to 1.</summary>
    protected abstract double Distance(ReadOnlySpan<double> referenceShares, ReadOnlySpan<double> currentShares);

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        if (referenceSorted.IsEmpty || currentSorted.IsEmpty) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        var bins = Binning.RequestedBins(referenceSorted);
        Span<double> r = bins <= 256 ? stackalloc double[bins] : new double[bins];
        Span<double> c = bins <= 256 ? stackalloc double[bins] : new double[bins];
        var used = Binning.Shares(referenceSorted, currentSorted, r, c);
        return Finish(r[..used], c[..used], Binning.Describe(used), []);
    }

    /// <inheritdoc/>
    public DriftStatistic Compute(CategoryCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.ReferenceTotal == 0 || counts.CurrentTotal == 0) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        var (r, c) = CategoryTable.Observed(counts);
        for (var i = 0; i < r.Length; i++) { r[i] /= counts.ReferenceTotal; c[i] /= counts.CurrentTotal; }
        return Finish(r, c, "category shares", counts.UnseenCategories);
    }

    private DriftStatistic Finish(Span<double> r, Span<double> c, string binning, IReadOnlyList<string> unseen)
    {
        if (FloorsEmptyBins)
            for (var i = 0; i < r.Length; i++)
            {
                if (r[i] == 0) r[i] = DriftBinning.EmptyBinShare;
                if (c[i] == 0) c[i] = DriftBinning.EmptyBinShare;
            }
        return new DriftStatistic(Distance(r, c), null)
        {
            Binning = binning,
            EmptyBinRule = FloorsEmptyBins ? DriftBinning.EmptyBinFloorRule : "none (empty bins contribute their exact term)",
            UnseenCategories = unseen,
        };
    }
}
