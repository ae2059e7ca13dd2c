namespace Vigil.Core.Calibration;

/// <summary>
/// One bin of a reliability diagram. <see cref="Count"/> is the (weighted) number of rows whose confidence fell in
/// the bin; <see cref="MeanConfidence"/> their weighted mean score and <see cref="ObservedFrequency"/> the weighted
/// share of positives (or of correct top-label predictions). Both are NaN for an empty bin.
/// </summary>
/// <param name="Lower">Lower edge of the bin.</param>
/// <param name="Upper">Upper edge of the bin.</param>
/// <param name="Count">Sum of the weights of the rows in the bin (the row count when unweighted).</param>
/// <param name="MeanConfidence">Weighted mean confidence in the bin, NaN when empty.</param>
/// <param name="ObservedFrequency">Weighted positive (or correct) share in the bin, NaN when empty.</param>
public sealed record CalibrationBin(double Lower, double Upper, double Count, double MeanConfidence, double ObservedFrequency);

/// <summary>How calibration bins are laid out.</summary>
public enum BinningStrategy
{
    /// <summary>Equal-width bins on [0, 1] (scikit-learn <c>calibration_curve(strategy="uniform")</c>).</summary>
    EqualWidth,

    /// <summary>Equal-mass bins: edges at the (weighted) quantiles of the scores, numpy's linear rule
    /// (scikit-learn <c>calibration_curve(strategy="quantile")</c>).</summary>
    EqualMass,
}
