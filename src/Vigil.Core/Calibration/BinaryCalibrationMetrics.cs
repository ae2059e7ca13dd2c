namespace Vigil.Core.Calibration;

/// <summary>
/// Calibration metrics of binary scores (the probability of the positive class): see
/// <see cref="CalibrationSummary"/> for the formulas and <see cref="CalibrationBinning"/> for the bin-edge rule.
/// Cost O(n log n) (the equal-mass edges sort the scores), O(n) memory.
/// </summary>
public static class BinaryCalibrationMetrics
{
    /// <summary>Default number of bins (15, as Guo et al. 2017).</summary>
    public const int DefaultBins = 15;

    /// <summary>
    /// Computes the summary. <paramref name="weights"/> are per-row non-negative weights (empty = all 1; integer
    /// weights are bootstrap resample counts). Scores must lie in [0, 1] (caller bug otherwise: ArgumentException).
    /// </summary>
    public static CalibrationSummary Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<double> weights, int bins = DefaultBins)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length.", nameof(labels));
        var outcomes = new double[labels.Length];
        for (var i = 0; i < outcomes.Length; i++) outcomes[i] = labels[i] ? 1.0 : 0.0;
        return FromOutcomes(scores, outcomes, weights, bins);
    }

    /// <summary>The same as <see cref="Compute"/> with outcomes given as 0/1 numbers.</summary>
    public static CalibrationSummary FromOutcomes(ReadOnlySpan<double> confidences, ReadOnlySpan<double> outcomes, ReadOnlySpan<double> weights, int bins = DefaultBins)
    {
        if (confidences.Length != outcomes.Length) throw new ArgumentException("confidences and outcomes differ in length.", nameof(outcomes));
        CalibrationBinning.CheckWeights(confidences.Length, weights);
        foreach (var s in confidences)
            if (!(s >= 0 && s <= 1)) throw new ArgumentException("scores must lie in [0, 1].", nameof(confidences));
        foreach (var o in outcomes)
            if (o != 0 && o != 1) throw new ArgumentException("outcomes must be 0 or 1.", nameof(outcomes));

        var total = 0.0;
        var brierSum = 0.0;
        var positive = 0.0;
        for (var i = 0; i < confidences.Length; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            total += w;
            var d = confidences[i] - outcomes[i];
            brierSum += w * d * d;
            positive += w * outcomes[i];
        }
        var widthEdges = CalibrationBinning.EqualWidthEdges(bins);
        var widthBins = CalibrationBinning.Accumulate(confidences, outcomes, weights, widthEdges);
        if (total <= 0)
            return new CalibrationSummary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, widthBins);

        var massBins = CalibrationBinning.Accumulate(confidences, outcomes, weights, CalibrationBinning.EqualMassEdges(confidences, weights, bins));
        var baseRate = positive / total;
        double ece = 0, mce = 0, reliability = 0, resolution = 0;
        foreach (var b in widthBins)
        {
            if (b.Count <= 0) continue;
            var gap = Math.Abs(b.ObservedFrequency - b.MeanConfidence);
            ece += b.Count * gap;
            mce = Math.Max(mce, gap);
            reliability += b.Count * gap * gap;
            var r = b.ObservedFrequency - baseRate;
            resolution += b.Count * r * r;
        }
        var adaptive = 0.0;
        foreach (var b in massBins)
            if (b.Count > 0) adaptive += b.Count * Math.Abs(b.ObservedFrequency - b.MeanConfidence);

        return new CalibrationSummary(ece / total, mce, adaptive / total, brierSum / total,
            reliability / total, resolution / total, baseRate * (1 - baseRate), widthBins);
    }

    /// <summary>Expected calibration error only (equal-width bins); cheaper than <see cref="Compute"/>.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<double> weights, int bins = DefaultBins)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length.", nameof(labels));
        var outcomes = new double[labels.Length];
        for (var i = 0; i < outcomes.Length; i++) outcomes[i] = labels[i] ? 1.0 : 0.0;
        var binned = CalibrationBinning.Accumulate(scores, outcomes, weights, CalibrationBinning.EqualWidthEdges(bins));
        double total = 0, ece = 0;
        foreach (var b in binned)
        {
            if (b.Count <= 0) continue;
            total += b.Count;
            ece += b.Count * Math.Abs(b.ObservedFrequency - b.MeanConfidence);
        }
        return total > 0 ? ece / total : double.NaN;
    }
}
