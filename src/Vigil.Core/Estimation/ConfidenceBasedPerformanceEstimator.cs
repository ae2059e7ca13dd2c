using Vigil.Core.Calibration;

namespace Vigil.Core.Estimation;

/// <summary>Settings of <see cref="ConfidenceBasedPerformanceEstimator"/>.</summary>
public sealed record CbpeOptions
{
    /// <summary>Metrics to estimate (ids from <see cref="EstimationMetricNames"/>); default all binary metrics.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = EstimationMetricNames.Binary;

    /// <summary>Predicted positive iff raw score ≥ threshold, when predictions are not given (default 0.5).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Folds of the calibration decision (default 5).</summary>
    public int CalibrationFolds { get; init; } = 5;

    /// <summary>Seed of the fold shuffle and the average-precision bootstrap.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// Confidence-based performance estimation (CBPE) for binary classifiers, as in NannyML
/// (docs "how it works: CBPE"): estimates performance on unlabelled analysis data from the model's own scores.
/// <para><b>Assumption: no concept shift.</b> P(y | x) must be the same in analysis as in reference; only the
/// distribution of the inputs may change. Under concept shift the estimates are wrong, and they cannot tell.
/// CBPE also needs the (calibrated) scores to be good probabilities on the reference data.</para>
/// <para><b>Fit</b> (reference, labelled): (1) decide calibration — shuffle the reference into K folds (seeded); for
/// each, fit isotonic regression on the other folds and compare the held-out ECE (10 equal-width bins) of the raw and
/// calibrated scores; calibrate iff the mean calibrated ECE is lower (scores outside [0, 1] are always calibrated);
/// then fit isotonic on all reference rows. (2) Measure the sampling-error components
/// (<see cref="SamplingErrorModel"/>). (3) Thresholds: realised metric per reference chunk, mean ± 3σ (ddof 0),
/// clipped to [0, 1] (NaN with fewer than 2 defined chunks: no alerts).</para>
/// <para><b>Estimate</b> per analysis chunk: with p_i the calibrated probability that row i is positive, the
/// expected confusion matrix TP = Σ p·[ŷ], FP = Σ (1−p)·[ŷ], FN = Σ p·[¬ŷ], TN = Σ (1−p)·[¬ŷ] gives accuracy,
/// precision, recall, specificity and f1; expected TPR/FPR (precision/recall) at every threshold on p give the
/// expected ROC (PR) curve, integrated for roc_auc (average_precision). Band: ± 3 standard errors. Alert when the
/// estimate is outside the reference thresholds. Cost O(n log n) per chunk.</para>
/// </summary>
public sealed class ConfidenceBasedPerformanceEstimator
{
    private readonly CbpeOptions _options;
    private readonly IsotonicCalibrator? _calibrator;
    private readonly SamplingErrorModel _samplingError;
    private readonly Dictionary<string, MetricThreshold> _thresholds;

    private ConfidenceBasedPerformanceEstimator(CbpeOptions options, IsotonicCalibrator? calibrator, CalibrationDecision decision, SamplingErrorModel samplingError, Dictionary<string, MetricThreshold> thresholds)
    {
        _options = options;
        _calibrator = calibrator;
        Calibration = decision;
        _samplingError = samplingError;
        _thresholds = thresholds;
    }

    /// <summary>The calibration decision taken on the reference data.</summary>
    public CalibrationDecision Calibration { get; }

    /// <summary>Alert thresholds per metric.</summary>
    public IReadOnlyDictionary<string, MetricThreshold> ReferenceThresholds => _thresholds;

    /// <summary>
    /// Fits on labelled reference data. <paramref name="predictions"/> empty = raw score ≥ threshold.
    /// <paramref name="referenceChunks"/> (chunked like the analysis data) give the alert thresholds.
    /// </summary>
    public static ConfidenceBasedPerformanceEstimator Fit(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, ReadOnlySpan<bool> predictions, IReadOnlyList<DataChunk> referenceChunks, CbpeOptions? options = null)
    {
        options ??= new CbpeOptions();
        ArgumentNullException.ThrowIfNull(referenceChunks);
        foreach (var m in options.Metrics)
            if (!EstimationMetricNames.Binary.Contains(m)) throw new ArgumentException($"Unknown metric \"{m}\" (known: {string.Join(", ", EstimationMetricNames.Binary)}).", nameof(options));
        if (options.CalibrationFolds < 2) throw new ArgumentException("CalibrationFolds must be at least 2.", nameof(options));
        var n = labels.Length;
        if (scores.Length != n) throw new ArgumentException("scores and labels differ in length.", nameof(scores));
        var positives = 0;
        foreach (var l in labels) if (l) positives++;
        if (positives == 0 || positives == n) throw new ArgumentException("Reference labels must contain both classes.", nameof(labels));
        var predicted = Predictions(scores, predictions, options.Threshold);

        var decision = DecideCalibration(labels, scores, options);
        var calibrator = decision.Calibrated ? IsotonicCalibrator.Fit(scores, labels, []) : null;
        var samplingError = SamplingErrorModel.Fit(labels, predicted, scores, options.Seed);

        var thresholds = new Dictionary<string, MetricThreshold>(StringComparer.Ordinal);
        foreach (var metric in options.Metrics)
        {
            var values = new List<double>();
            foreach (var chunk in referenceChunks)
            {
                var (l, p, s) = Gather(chunk.Rows, labels, predicted, scores);
                var v = BinaryChunkMetrics.Realized(metric, l, p, s);
                if (!double.IsNaN(v)) values.Add(v);
            }
            if (values.Count < 2) { thresholds[metric] = new MetricThreshold(double.NaN, double.NaN); continue; }
            double mean = 0;
            foreach (var v in values) mean += v;
            mean /= values.Count;
            double ss = 0;
            foreach (var v in values) ss += (v - mean) * (v - mean);
            var sd = Math.Sqrt(ss / values.Count);
            thresholds[metric] = new MetricThreshold(Math.Max(0, mean - 3 * sd), Math.Min(1, mean + 3 * sd));
        }
        return new ConfidenceBasedPerformanceEstimator(options, calibrator, decision, samplingError, thresholds);
    }

    /// <summary>
    /// Estimates per analysis chunk. <paramref name="predictions"/> empty = raw score ≥ threshold.
    /// <paramref name="labels"/> (optional, empty = none) give the realised values; <paramref name="labelKnown"/>
    /// (optional, empty = every label known) marks rows whose label arrived.
    /// </summary>
    public PerformanceEstimationResult Estimate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> predictions, IReadOnlyList<DataChunk> chunks, ReadOnlySpan<bool> labels = default, ReadOnlySpan<bool> labelKnown = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var n = scores.Length;
        if (!labels.IsEmpty && labels.Length != n) throw new ArgumentException("labels must be empty or one per row.", nameof(labels));
        if (!labelKnown.IsEmpty && labelKnown.Length != n) throw new ArgumentException("labelKnown must be empty or one per row.", nameof(labelKnown));
        var predicted = Predictions(scores, predictions, _options.Threshold);
        var probabilities = new double[n];
        if (_calibrator is not null) _calibrator.Apply(scores, probabilities);
        else scores.CopyTo(probabilities);

        var result = new List<EstimatedChunk>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var rows = chunk.Rows;
            var p = new double[rows.Length];
            var yhat = new bool[rows.Length];
            for (var k = 0; k < rows.Length; k++) { p[k] = probabilities[rows[k]]; yhat[k] = predicted[rows[k]]; }
            bool[]? realLabels = null;
            bool[]? realPredictions = null;
            double[]? realScores = null;
            if (!labels.IsEmpty)
            {
                var known = new List<int>(rows.Length);
                foreach (var r in rows) if (labelKnown.IsEmpty || labelKnown[r]) known.Add(r);
                (realLabels, realPredictions, realScores) = Gather(known.ToArray(), labels, predicted, scores);
            }
            var metrics = new Dictionary<string, EstimatedMetric>(StringComparer.Ordinal);
            foreach (var metric in _options.Metrics)
            {
                var estimate = rows.Length == 0 ? double.NaN : BinaryChunkMetrics.Expected(metric, p, yhat);
                var se = _samplingError.StandardError(metric, rows.Length);
                var lower = Math.Max(0, estimate - 3 * se);
                var upper = Math.Min(1, estimate + 3 * se);
                var realized = realLabels is { Length: > 0 } ? BinaryChunkMetrics.Realized(metric, realLabels, realPredictions!, realScores!) : double.NaN;
                var t = _thresholds[metric];
                var alert = !double.IsNaN(estimate) && !double.IsNaN(t.Lower) && (estimate < t.Lower || estimate > t.Upper);
                metrics[metric] = new EstimatedMetric(estimate, double.IsNaN(se) ? double.NaN : lower, double.IsNaN(se) ? double.NaN : upper, realized, alert);
            }
            result.Add(new EstimatedChunk(chunk.Key, chunk.Start, chunk.End, rows.Length, metrics));
        }
        return new PerformanceEstimationResult("cbpe", Calibration, _thresholds, result);
    }

    private static CalibrationDecision DecideCalibration(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, CbpeOptions options)
    {
        var n = labels.Length;
        var k = Math.Min(options.CalibrationFolds, n);
        foreach (var s in scores)
            if (!(s >= 0 && s <= 1)) return new CalibrationDecision(true, double.NaN, double.NaN, 0);
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        new Random(options.Seed).Shuffle(order);
        double before = 0, after = 0;
        var folds = 0;
        for (var f = 0; f < k; f++)
        {
            var testStart = f * n / k;
            var testEnd = (f + 1) * n / k;
            var trainScores = new double[n - (testEnd - testStart)];
            var trainLabels = new bool[trainScores.Length];
            var testScores = new double[testEnd - testStart];
            var testLabels = new bool[testScores.Length];
            int a = 0, b = 0;
            for (var i = 0; i < n; i++)
            {
                var r = order[i];
                if (i >= testStart && i < testEnd) { testScores[b] = scores[r]; testLabels[b++] = labels[r]; }
                else { trainScores[a] = scores[r]; trainLabels[a++] = labels[r]; }
            }
            if (testScores.Length == 0 || trainScores.Length == 0) continue;
            var iso = IsotonicCalibrator.Fit(trainScores, trainLabels, []);
            var calibrated = new double[testScores.Length];
            iso.Apply(testScores, calibrated);
            before += BinaryCalibrationMetrics.ExpectedCalibrationError(testScores, testLabels, [], 10);
            after += BinaryCalibrationMetrics.ExpectedCalibrationError(calibrated, testLabels, [], 10);
            folds++;
        }
        before /= folds;
        after /= folds;
        return new CalibrationDecision(after < before, before, after, folds);
    }

    private static bool[] Predictions(ReadOnlySpan<double> scores, ReadOnlySpan<bool> predictions, double threshold)
    {
        if (!predictions.IsEmpty)
        {
            if (predictions.Length != scores.Length) throw new ArgumentException("predictions must be empty or one per row.", nameof(predictions));
            return predictions.ToArray();
        }
        var result = new bool[scores.Length];
        for (var i = 0; i < result.Length; i++) result[i] = scores[i] >= threshold;
        return result;
    }

    private static (bool[] Labels, bool[] Predictions, double[] Scores) Gather(int[] rows, ReadOnlySpan<bool> labels, bool[] predictions, ReadOnlySpan<double> scores)
    {
        var l = new bool[rows.Length];
        var p = new bool[rows.Length];
        var s = new double[rows.Length];
        for (var k = 0; k < rows.Length; k++) { l[k] = labels[rows[k]]; p[k] = predictions[rows[k]]; s[k] = scores[rows[k]]; }
        return (l, p, s);
    }
}
