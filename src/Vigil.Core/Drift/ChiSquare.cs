using MathNet.Numerics;

namespace Vigil.Core.Drift;

/// <summary>
/// Pearson chi-squared test of homogeneity on the 2×k table of reference/current category counts (id
/// <c>chisquare</c>), scipy 1.10 <c>chi2_contingency(correction=False)</c>: X² = Σ (O − E)²/E with
/// E = row total · column total / N, df = k − 1 over the categories seen on either side (categories unseen in
/// reference are kept and reported). One observed category gives X² = 0, p = 1 as scipy does. Cost O(k).
/// </summary>
public sealed class ChiSquare : ICategoricalDriftMethod
{
    /// <inheritdoc/>
    public string Id => "chisquare";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Categorical;

    /// <inheritdoc/>
    public DriftStatistic Compute(CategoryCounts counts) => Contingency(counts, logLikelihood: false);

    /// <summary>The 2×k contingency statistic: Pearson (X²) or log-likelihood (G = 2 Σ O ln(O/E)).</summary>
    internal static DriftStatistic Contingency(CategoryCounts counts, bool logLikelihood)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.ReferenceTotal == 0 || counts.CurrentTotal == 0)
            return DriftStatistic.Undefined(DriftScoreKind.PValue, "empty sample");
        var (r, c) = CategoryTable.Observed(counts);
        double nr = counts.ReferenceTotal, nc = counts.CurrentTotal, n = nr + nc, stat = 0;
        for (var i = 0; i < r.Length; i++)
        {
            var col = r[i] + c[i];
            stat += Term(r[i], nr * col / n, logLikelihood) + Term(c[i], nc * col / n, logLikelihood);
        }
        if (logLikelihood) stat *= 2;
        var df = r.Length - 1;
        var p = df == 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(df / 2.0, stat / 2);
        return new DriftStatistic(stat, Math.Clamp(p, 0, 1))
        {
            UnseenCategories = counts.UnseenCategories,
            PValueMethod = $"chi-squared, {df} df",
        };
    }

    private static double Term(double observed, double expected, bool logLikelihood)
    {
        if (!logLikelihood) { var d = observed - expected; return d * d / expected; }
        return observed == 0 ? 0 : observed * Math.Log(observed / expected);
    }
}
