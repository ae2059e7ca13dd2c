namespace Vigil.Core.Drift;

/// <summary>
/// Log-likelihood ratio (G) test of homogeneity on the 2×k table of category counts (id <c>g_test</c>), scipy 1.10
/// <c>chi2_contingency(lambda_="log-likelihood", correction=False)</c>: G = 2 Σ O ln(O/E), df = k − 1, χ² tail.
/// Cells with O = 0 contribute 0. Cost O(k). Reference: Sokal &amp; Rohlf, Biometry (1981), §17.
/// </summary>
public sealed class GTest : ICategoricalDriftMethod
{
    /// <inheritdoc/>
    public string Id => "g_test";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Categorical;

    /// <inheritdoc/>
    public DriftStatistic Compute(CategoryCounts counts) => ChiSquare.Contingency(counts, logLikelihood: true);
}
