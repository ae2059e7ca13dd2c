namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Multiclass f1 <c>f1_macro | f1_micro | f1_weighted</c> (scikit-learn <c>f1_score(average=…)</c>).
/// Per class k: 2·TPₖ / (2·TPₖ + FPₖ + FNₖ) (the harmonic mean of precision and recall, 0 when TPₖ = 0). Macro: unweighted mean over the classes that occur in the labels or predictions;
/// micro: Σ TP / Σ rows (equal to accuracy for single-label data); weighted: mean weighted by class support.
/// Higher is better. Undefined only when the total weight is 0. Cost: O(n + K).
/// </summary>
public sealed class MulticlassF1 : IMetric<MulticlassSample>
{
    /// <summary>Creates the metric for one averaging.</summary>
    public MulticlassF1(ClassAveraging averaging)
    {
        Averaging = averaging;
        Name = "f1_" + ClassTotals.Suffix(averaging);
    }

    /// <summary>How the per-class values are combined.</summary>
    public ClassAveraging Averaging { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HigherIsBetter => true;

    /// <inheritdoc/>
    public MetricValue Compute(MulticlassSample sample, ReadOnlySpan<double> weights)
    {
        var t = ClassTotals.From(sample, weights);
        return t.Average(Averaging, static (t, c) => t.F1(c), t.SumTruePositive(), t.Total);
    }
}
