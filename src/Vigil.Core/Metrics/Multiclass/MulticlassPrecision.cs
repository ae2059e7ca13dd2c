namespace Vigil.Core.Metrics.Multiclass;

/// <summary>
/// Multiclass precision <c>precision_macro | precision_micro | precision_weighted</c> (scikit-learn <c>precision_score(average=…)</c>).
/// Per class k: TPₖ / (TPₖ + FPₖ); a class never predicted has precision 0 in the average (scikit-learn's value, with its warning). Macro: unweighted mean over the classes that occur in the labels or predictions;
/// micro: Σ TP / Σ rows (equal to accuracy for single-label data); weighted: mean weighted by class support.
/// Higher is better. Undefined only when the total weight is 0. Cost: O(n + K).
/// </summary>
public sealed class MulticlassPrecision : IMetric<MulticlassSample>
{
    /// <summary>Creates the metric for one averaging.</summary>
    public MulticlassPrecision(ClassAveraging averaging)
    {
        Averaging = averaging;
        Name = "precision_" + ClassTotals.Suffix(averaging);
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
        return t.Average(Averaging, static (t, c) => t.Precision(c), t.SumTruePositive(), t.Total);
    }
}
