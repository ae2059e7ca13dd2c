namespace Vigil.Core.Calibration;

/// <summary>
/// Calibration of one set of confidences against outcomes (binary: score vs label; multiclass: top-label
/// confidence vs correctness, or one class's probability vs membership).
/// <list type="bullet">
/// <item><c>ece</c> = Σ_b (n_b / N)·|o_b − c_b| over the equal-width bins (Naeini et al., AAAI 2015; Guo et al., ICML 2017),
/// where c_b is the mean confidence and o_b the observed frequency of bin b. Lower is better, 0 = perfect.</item>
/// <item><c>mce</c> = max_b |o_b − c_b| over non-empty equal-width bins.</item>
/// <item><c>adaptive_ece</c> = the same sum over equal-mass bins (Nixon et al., CVPR-W 2019).</item>
/// <item><c>brier</c> = (1/N) Σ (p_i − y_i)² (Brier 1950, binary form as scikit-learn's <c>brier_score_loss</c>).</item>
/// <item>Murphy (1973) decomposition on the equal-width bins: reliability = (1/N) Σ_b n_b (c_b − o_b)²,
/// resolution = (1/N) Σ_b n_b (o_b − ȳ)², uncertainty = ȳ(1 − ȳ). reliability − resolution + uncertainty equals
/// the Brier score <b>exactly only when all confidences within each bin are equal</b>; otherwise the difference
/// is the within-bin variance term of the decomposition.</item>
/// </list>
/// All sums are weighted (N = Σ w). NaN when the total weight is 0.
/// </summary>
/// <param name="Ece">Expected calibration error (equal-width bins).</param>
/// <param name="Mce">Maximum calibration error (equal-width bins).</param>
/// <param name="AdaptiveEce">Expected calibration error over equal-mass bins.</param>
/// <param name="Brier">Brier score.</param>
/// <param name="BrierReliability">Murphy reliability term (lower is better).</param>
/// <param name="BrierResolution">Murphy resolution term (higher is better).</param>
/// <param name="BrierUncertainty">Murphy uncertainty term ȳ(1 − ȳ).</param>
/// <param name="Bins">The equal-width bins (empty bins included, count 0).</param>
public sealed record CalibrationSummary(
    double Ece,
    double Mce,
    double AdaptiveEce,
    double Brier,
    double BrierReliability,
    double BrierResolution,
    double BrierUncertainty,
    IReadOnlyList<CalibrationBin> Bins);
