using Vigil.Core.Data;

namespace Vigil.Core.Estimation.Regression;

/// <summary>Settings of <see cref="DirectLossEstimator"/>.</summary>
public sealed record DleOptions
{
    /// <summary>Metrics to estimate (ids from <see cref="RegressionEstimationMetricNames"/>); default all.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = RegressionEstimationMetricNames.All;

    /// <summary>Seed passed to the loss-model trainer (default 42).</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// Direct loss estimation (DLE) for regression models, as in NannyML (docs "how it works: DLE"): estimates a
/// regression model's error on unlabelled analysis data by learning, on labelled reference data, how large its error
/// is for each kind of row.
/// <para><b>Assumption: no concept shift.</b> P(y | x) must be the same in analysis as in reference; only the inputs
/// may move (e.g. toward a region where the model is less accurate). Under concept shift the estimates are wrong and
/// cannot tell.</para>
/// <para><b>Fit</b> (reference, labelled): two loss models, trained on the features plus the model's prediction, one
/// to the absolute error |y − ŷ| and one to the squared error (y − ŷ)² (rows with a missing label or prediction are left
/// out). Sampling-error components (NannyML's approach, nannyml/sampling_error/regression.py): σ_abs and σ_sq, the
/// population (ddof 0) standard deviations of the realised per-row absolute and squared errors on the reference.
/// Thresholds: realised metric per reference chunk, mean ± 3σ (ddof 0), the lower one floored at 0 (NaN with fewer
/// than 2 defined chunks: no alerts).</para>
/// <para><b>Estimate</b> per analysis chunk of n rows (rows whose prediction is missing are left out): predicted per-row
/// losses are floored at 0; mae = mean predicted |error|, mse = mean predicted squared error, rmse = √mse.
/// Band: estimate ± 3·SE with SE_mae = σ_abs/√n, SE_mse = σ_sq/√n, and SE_rmse = SE_mse / (2·√mse) (delta method;
/// NannyML's own rmse band differs), the lower bound floored at 0. Alert when the estimate is outside the reference
/// thresholds. Realised values use the chunk's rows with a known label. Cost: two loss-model fits, then
/// O(n) per chunk after one prediction pass.</para>
/// </summary>
public sealed class DirectLossEstimator
{
    private static readonly CalibrationDecision NoCalibration = new(false, double.NaN, double.NaN, 0);

    private readonly DleOptions _options;
    private readonly string _prediction;
    private readonly ILossModel _absoluteLoss;
    private readonly ILossModel _squaredLoss;
    private readonly double _sigmaAbsolute;
    private readonly double _sigmaSquared;
    private readonly Dictionary<string, MetricThreshold> _thresholds;

    private DirectLossEstimator(DleOptions options, string prediction, ILossModel absoluteLoss, ILossModel squaredLoss, double sigmaAbsolute, double sigmaSquared, Dictionary<string, MetricThreshold> thresholds)
    {
        _options = options;
        _prediction = prediction;
        _absoluteLoss = absoluteLoss;
        _squaredLoss = squaredLoss;
        _sigmaAbsolute = sigmaAbsolute;
        _sigmaSquared = sigmaSquared;
        _thresholds = thresholds;
    }

    /// <summary>Alert thresholds per metric.</summary>
    public IReadOnlyDictionary<string, MetricThreshold> ReferenceThresholds => _thresholds;

    /// <summary>
    /// Fits on labelled reference data. <paramref name="features"/> are the model's input columns; the
    /// <paramref name="prediction"/> column is added to them for the loss models. <paramref name="referenceChunks"/>
    /// (chunked like the analysis data) give the alert thresholds.
    /// </summary>
    public static DirectLossEstimator Fit(DataFrame reference, string target, string prediction, IReadOnlyList<string> features,
        IReadOnlyList<DataChunk> referenceChunks, ILossModelTrainer trainer, DleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(referenceChunks);
        ArgumentNullException.ThrowIfNull(trainer);
        options ??= new DleOptions();
        foreach (var m in options.Metrics)
            if (!RegressionEstimationMetricNames.All.Contains(m))
                throw new ArgumentException($"Unknown metric \"{m}\" (known: {string.Join(", ", RegressionEstimationMetricNames.All)}).", nameof(options));
        var y = NumericValues(reference, target, nameof(target));
        var yhat = NumericValues(reference, prediction, nameof(prediction));
        var modelFeatures = new List<string>(features.Count + 1);
        foreach (var f in features)
        {
            if (!reference.Contains(f)) throw new ArgumentException($"Feature column \"{f}\" is not in the reference data.", nameof(features));
            if (f == target) throw new ArgumentException($"The target \"{target}\" cannot be a feature.", nameof(features));
            if (f != prediction) modelFeatures.Add(f);
        }
        modelFeatures.Add(prediction);

        var n = reference.RowCount;
        var absolute = new double[n];
        var squared = new double[n];
        var labelled = 0;
        for (var i = 0; i < n; i++)
        {
            var e = y[i] - yhat[i];
            absolute[i] = Math.Abs(e);
            squared[i] = e * e;
            if (double.IsFinite(e)) labelled++;
        }
        if (labelled < 2) throw new ArgumentException("The reference data needs at least two rows with both a label and a prediction.", nameof(reference));

        var absoluteModel = trainer.Fit(reference, modelFeatures, absolute, options.Seed);
        var squaredModel = trainer.Fit(reference, modelFeatures, squared, options.Seed);

        var thresholds = new Dictionary<string, MetricThreshold>(StringComparer.Ordinal);
        foreach (var metric in options.Metrics)
        {
            var values = new List<double>(referenceChunks.Count);
            foreach (var chunk in referenceChunks)
            {
                var v = Realized(metric, chunk.Rows, absolute, squared);
                if (!double.IsNaN(v)) values.Add(v);
            }
            if (values.Count < 2) { thresholds[metric] = new MetricThreshold(double.NaN, double.NaN); continue; }
            var (mean, sd) = MeanAndPopulationStd(values);
            thresholds[metric] = new MetricThreshold(Math.Max(0, mean - 3 * sd), mean + 3 * sd);
        }
        return new DirectLossEstimator(options, prediction, absoluteModel, squaredModel,
            FiniteStd(absolute), FiniteStd(squared), thresholds);
    }

    /// <summary>
    /// Estimates per analysis chunk. When <paramref name="target"/> names a column of <paramref name="analysis"/>,
    /// its non-missing values give the realised metrics.
    /// </summary>
    public PerformanceEstimationResult Estimate(DataFrame analysis, IReadOnlyList<DataChunk> chunks, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(chunks);
        var yhat = NumericValues(analysis, _prediction, nameof(analysis));
        var predictedAbsolute = _absoluteLoss.Predict(analysis);
        var predictedSquared = _squaredLoss.Predict(analysis);
        var n = analysis.RowCount;
        double[]? realizedAbsolute = null, realizedSquared = null;
        if (target is not null)
        {
            var y = NumericValues(analysis, target, nameof(target));
            realizedAbsolute = new double[n];
            realizedSquared = new double[n];
            for (var i = 0; i < n; i++)
            {
                var e = y[i] - yhat[i];
                realizedAbsolute[i] = Math.Abs(e);
                realizedSquared[i] = e * e;
            }
        }

        var result = new List<EstimatedChunk>(chunks.Count);
        foreach (var chunk in chunks)
        {
            double sumAbsolute = 0, sumSquared = 0;
            var used = 0;
            foreach (var r in chunk.Rows)
            {
                if ((uint)r >= (uint)n) throw new ArgumentException($"Chunk \"{chunk.Key}\" names row {r}, outside the {n} analysis rows.", nameof(chunks));
                if (double.IsNaN(yhat[r])) continue;
                sumAbsolute += Math.Max(0, predictedAbsolute[r]);
                sumSquared += Math.Max(0, predictedSquared[r]);
                used++;
            }
            var mae = used > 0 ? sumAbsolute / used : double.NaN;
            var mse = used > 0 ? sumSquared / used : double.NaN;
            var metrics = new Dictionary<string, EstimatedMetric>(StringComparer.Ordinal);
            foreach (var metric in _options.Metrics)
            {
                var (estimate, se) = metric switch
                {
                    RegressionEstimationMetricNames.MeanAbsoluteError => (mae, _sigmaAbsolute / Math.Sqrt(used)),
                    RegressionEstimationMetricNames.MeanSquaredError => (mse, _sigmaSquared / Math.Sqrt(used)),
                    _ => (Math.Sqrt(mse), _sigmaSquared / Math.Sqrt(used) / (2 * Math.Sqrt(mse))),
                };
                if (used == 0) se = double.NaN;
                var lower = double.IsFinite(se) ? Math.Max(0, estimate - 3 * se) : double.NaN;
                var upper = double.IsFinite(se) ? estimate + 3 * se : double.NaN;
                var realized = realizedAbsolute is null ? double.NaN : Realized(metric, chunk.Rows, realizedAbsolute, realizedSquared!);
                var t = _thresholds[metric];
                var alert = !double.IsNaN(estimate) && !double.IsNaN(t.Lower) && (estimate < t.Lower || estimate > t.Upper);
                metrics[metric] = new EstimatedMetric(estimate, lower, upper, realized, alert);
            }
            result.Add(new EstimatedChunk(chunk.Key, chunk.Start, chunk.End, chunk.Rows.Length, metrics));
        }
        return new PerformanceEstimationResult("dle", NoCalibration, _thresholds, result);
    }

    /// <summary>Realised metric over the rows whose loss is defined; NaN when none is.</summary>
    private static double Realized(string metric, int[] rows, double[] absolute, double[] squared)
    {
        var source = metric == RegressionEstimationMetricNames.MeanAbsoluteError ? absolute : squared;
        double sum = 0;
        var count = 0;
        foreach (var r in rows)
        {
            var v = source[r];
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        if (count == 0) return double.NaN;
        var mean = sum / count;
        return metric == RegressionEstimationMetricNames.RootMeanSquaredError ? Math.Sqrt(mean) : mean;
    }

    private static double[] NumericValues(DataFrame frame, string column, string parameter)
    {
        ArgumentNullException.ThrowIfNull(column, parameter);
        return frame.Find(column) switch
        {
            NumericColumn c => c.Values,
            null => throw new ArgumentException($"Column \"{column}\" is not in {Describe(frame)}.", parameter),
            var c => throw new ArgumentException($"Column \"{column}\" in {Describe(frame)} must be numeric (it is {c.Type}).", parameter),
        };
    }

    private static string Describe(DataFrame frame) => string.IsNullOrEmpty(frame.Source) ? "the data" : frame.Source;

    private static double FiniteStd(double[] values)
    {
        var finite = new List<double>(values.Length);
        foreach (var v in values) if (double.IsFinite(v)) finite.Add(v);
        return finite.Count == 0 ? double.NaN : MeanAndPopulationStd(finite).Std;
    }

    private static (double Mean, double Std) MeanAndPopulationStd(List<double> values)
    {
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= values.Count;
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(ss / values.Count));
    }
}
