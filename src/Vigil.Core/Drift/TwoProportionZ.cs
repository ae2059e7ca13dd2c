using MathNet.Numerics;

namespace Vigil.Core.Drift;

/// <summary>
/// Pooled two-proportion z-test (id <c>z</c>), two-sided, as statsmodels <c>proportions_ztest</c>: with p₁, p₂ the
/// share of the first observed category in reference and current and p̂ the pooled share,
/// z = (p₁ − p₂)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), p = 2·(1 − Φ(|z|)). Needs exactly 2 observed categories (else NaN with a
/// reason). Cost O(k).
/// </summary>
public sealed class TwoProportionZ : ICategoricalDriftMethod
{
    /// <inheritdoc/>
    public string Id => "z";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Categorical;

    /// <inheritdoc/>
    public DriftStatistic Compute(CategoryCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.ReferenceTotal == 0 || counts.CurrentTotal == 0) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        var (r, c) = CategoryTable.Observed(counts);
        if (r.Length != 2) return DriftStatistic.Undefined(ScoreKind, $"z test needs exactly 2 categories, found {r.Length}");
        double n1 = counts.ReferenceTotal, n2 = counts.CurrentTotal;
        double p1 = r[0] / n1, p2 = c[0] / n2, pooled = (r[0] + c[0]) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        var p = SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));
        return new DriftStatistic(z, Math.Clamp(p, 0, 1)) { UnseenCategories = counts.UnseenCategories, PValueMethod = "normal" };
    }
}
