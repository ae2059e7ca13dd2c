namespace Vigil.Core.Calibration;

/// <summary>
/// Calibration of multiclass probabilities (row-major n × K).
/// <list type="bullet">
/// <item><see cref="TopLabel"/>: confidence = max_c p_ic, outcome = 1 when that arg-max (ties → lower index, as
/// numpy) equals the label (Guo et al. 2017). Its Brier fields are the binary Brier of that pair.</item>
/// <item><see cref="PerClass"/>: for each class c, p_ic against 1[y_i = c] (one-vs-rest).</item>
/// <item><see cref="ClasswiseEce"/>: the mean of the per-class ECEs (Kull et al., NeurIPS 2019).</item>
/// <item><see cref="Brier"/>: the multiclass Brier score (1/N) Σ_i Σ_c (p_ic − 1[y_i = c])² (Brier 1950), range 0..2.</item>
/// </list>
/// </summary>
/// <param name="TopLabel">Top-label calibration.</param>
/// <param name="PerClass">One-vs-rest calibration per class, index = class index.</param>
/// <param name="ClasswiseEce">Mean of the per-class ECEs.</param>
/// <param name="Brier">Multiclass Brier score.</param>
public sealed record MulticlassCalibrationSummary(
    CalibrationSummary TopLabel,
    IReadOnlyList<CalibrationSummary> PerClass,
    double ClasswiseEce,
    double Brier);

/// <summary>Computes <see cref="MulticlassCalibrationSummary"/>.</summary>
public static class MulticlassCalibrationMetrics
{
    /// <summary>
    /// Computes the summary; <paramref name="labels"/> are class indices in [0, K), weights per row (empty = 1).
    /// Cost O(n·K·log n).
    /// </summary>
    public static MulticlassCalibrationSummary Compute(ReadOnlySpan<double> probabilities, int classCount, ReadOnlySpan<int> labels, ReadOnlySpan<double> weights, int bins = BinaryCalibrationMetrics.DefaultBins)
    {
        if (classCount < 2) throw new ArgumentException("classCount must be at least 2.", nameof(classCount));
        var n = labels.Length;
        if (probabilities.Length != n * classCount) throw new ArgumentException("probabilities must hold labels.Length × classCount values.", nameof(probabilities));
        CalibrationBinning.CheckWeights(n, weights);
        var confidence = new double[n];
        var correct = new double[n];
        var column = new double[n];
        var member = new double[n];
        double brier = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            var y = labels[i];
            if ((uint)y >= (uint)classCount) throw new ArgumentException($"label {y} at row {i} is not a class index.", nameof(labels));
            var row = probabilities.Slice(i * classCount, classCount);
            var best = 0;
            for (var c = 1; c < classCount; c++) if (row[c] > row[best]) best = c;
            confidence[i] = row[best];
            correct[i] = best == y ? 1 : 0;
            var w = weights.IsEmpty ? 1.0 : weights[i];
            total += w;
            var s = 0.0;
            for (var c = 0; c < classCount; c++)
            {
                var d = row[c] - (c == y ? 1.0 : 0.0);
                s += d * d;
            }
            brier += w * s;
        }
        var top = BinaryCalibrationMetrics.FromOutcomes(confidence, correct, weights, bins);
        var perClass = new CalibrationSummary[classCount];
        var eceSum = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = probabilities[i * classCount + c];
                member[i] = labels[i] == c ? 1 : 0;
            }
            perClass[c] = BinaryCalibrationMetrics.FromOutcomes(column, member, weights, bins);
            eceSum += perClass[c].Ece;
        }
        return new MulticlassCalibrationSummary(top, perClass, eceSum / classCount, total > 0 ? brier / total : double.NaN);
    }
}
