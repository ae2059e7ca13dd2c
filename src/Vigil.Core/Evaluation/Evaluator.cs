using Vigil.Core.Calibration;
using Vigil.Core.Data;
using Vigil.Core.Fairness;
using Vigil.Core.Slicing;
using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Curves;
using Vigil.Core.Metrics.Multiclass;
using Vigil.Core.Statistics;

namespace Vigil.Core.Evaluation;

/// <summary>
/// Computes every metric of the task from <see cref="MetricCatalog"/>, with bootstrap intervals (percentile or
/// BCa; resampling counts, not rows) and, for binary ROC AUC, the DeLong interval; plus the confusion matrix,
/// curves and distributions the report draws.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates prepared data. <paramref name="progress"/> gets (done, total) bootstrap replicates.</summary>
    public static EvaluationResult Evaluate(PreparedData data, EvaluationSettings settings, Action<int, int>? progress = null)
        => EvaluateOne(data, settings, progress) with { Calibration = CalibrationOf(data, settings) };

    /// <summary>
    /// Evaluates <paramref name="data"/> as given and again after <paramref name="calibrator"/>, for a before/after report.
    /// </summary>
    public static EvaluationResult EvaluateWithRecalibration(PreparedData data, EvaluationSettings settings, ICalibrator calibrator, Action<int, int>? progress = null)
    {
        var before = Evaluate(data, settings, progress);
        var after = Evaluate(Recalibration.Apply(data, calibrator), settings, progress);
        return before with { Recalibrated = after, RecalibrationMethod = calibrator.Method };
    }

    /// <summary>
    /// The whole evaluation: metrics and calibration (and recalibration when <paramref name="calibrator"/> is
    /// given), then slices, weak-slice discovery and fairness as <paramref name="settings"/> ask, on the rows of
    /// <paramref name="frame"/> that <paramref name="data"/> used. Slice and sensitive columns must exist
    /// (<see cref="DataFormatException"/> otherwise).
    /// </summary>
    public static EvaluationResult Evaluate(DataFrame frame, PreparedData data, EvaluationSettings settings, ICalibrator? calibrator = null,
        Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        foreach (var c in settings.SliceColumns.Concat(settings.SensitiveColumns))
            if (!frame.Contains(c))
                throw new DataFormatException(frame.Source, $"no column '{c}' (columns: {string.Join(", ", frame.ColumnNames)})", column: c);
        if (settings.SensitiveColumns.Count > 0 && data.Task != EvaluationTask.Binary)
            throw new DataFormatException(frame.Source, $"--sensitive needs a binary model, this is {data.Task.ToString().ToLowerInvariant()}");
        if ((settings.SliceColumns.Count > 0 || settings.FindSlices) && data.Task == EvaluationTask.Ranking)
            throw new DataFormatException(frame.Source, "slices are not available for ranking evaluations");
        var result = calibrator is null ? Evaluate(data, settings, progress) : EvaluateWithRecalibration(data, settings, calibrator, progress);
        if (settings.SliceColumns.Count > 0)
            result = result with
            {
                Slices = SliceAnalysis.Analyze(frame, data, settings.SliceColumns, new SliceSettings
                {
                    Bins = settings.SliceBins, MinimumRows = settings.MinGroupRows, Seed = settings.Seed, CiLevel = settings.CiLevel,
                    BootstrapReplicates = Math.Min(settings.BootstrapReplicates, 200),
                }),
            };
        if (settings.FindSlices)
        {
            var roles = new HashSet<string>(settings.Scores) { settings.Label };
            if (settings.Prediction is not null) roles.Add(settings.Prediction);
            result = result with
            {
                WeakSlices = WeakSliceFinder.Find(frame, data, roles, new WeakSliceSettings
                {
                    MinimumSupport = settings.MinSupport, Top = settings.TopSlices, Seed = settings.Seed, CiLevel = settings.CiLevel,
                }),
            };
        }
        if (settings.SensitiveColumns.Count > 0)
        {
            var groups = SensitiveGroups.FromColumns(frame, settings.SensitiveColumns, rows: data.SourceRows);
            result = result with
            {
                Fairness = FairnessAssessment.Evaluate(data.Binary!, groups, new FairnessOptions
                {
                    MinimumGroupCount = settings.MinGroupRows, BootstrapReplicates = settings.BootstrapReplicates,
                    Seed = settings.Seed, ConfidenceLevel = settings.CiLevel,
                }),
            };
        }
        return result;
    }

    private static CalibrationSection? CalibrationOf(PreparedData data, EvaluationSettings settings)
    {
        var bins = settings.CalibrationBins;
        if (data.Binary is { Scores: not null } b && b.ScoresAreProbabilities)
            return new CalibrationSection(bins, BinaryCalibrationMetrics.Compute(b.Scores, b.Labels, default, bins));
        if (data.Multiclass is { Probabilities: not null } m && m.Probabilities.All(v => v is >= 0 and <= 1))
        {
            var mc = MulticlassCalibrationMetrics.Compute(m.Probabilities, m.ClassCount, m.Labels, default, bins);
            var per = new Dictionary<string, CalibrationSummary>();
            for (var c = 0; c < m.ClassCount; c++) per[m.Classes[c]] = mc.PerClass[c];
            return new CalibrationSection(bins, mc.TopLabel, per, mc.ClasswiseEce, mc.Brier);
        }
        return null;
    }

    private static EvaluationResult EvaluateOne(PreparedData data, EvaluationSettings settings, Action<int, int>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        var result = data.Task switch
        {
            EvaluationTask.Binary => Run(data.Binary!, data.Binary!.Count, MetricCatalog.Binary, settings, progress),
            EvaluationTask.Multiclass => Run(data.Multiclass!, data.Multiclass!.Count, MetricCatalog.Multiclass, settings, progress),
            EvaluationTask.Regression => Run(data.Regression!, data.Regression!.Count, MetricCatalog.Regression, settings, progress),
            _ => Run(data.Ranking!, data.Ranking!.GroupCount, MetricCatalog.Ranking(settings.K), settings, progress),
        };
        var baseResult = new EvaluationResult
        {
            Task = data.Task, TaskReason = data.TaskReason, Settings = settings, Data = data.Data,
            PositiveLabel = data.PositiveLabel, Metrics = result, Warnings = data.Warnings,
        };
        return data.Task switch
        {
            EvaluationTask.Binary => AddBinaryDetails(baseResult, data),
            EvaluationTask.Multiclass => baseResult with
            {
                PerClass = PerClassReport.Compute(data.Multiclass!),
                Confusion = ConfusionMatrix.FromMulticlass(data.Multiclass!, default),
                Distributions = data.Multiclass!.Probabilities is null ? null : MaxProbabilityDistributions(data.Multiclass!),
            },
            EvaluationTask.Regression => AddRegressionDetails(baseResult, data.Regression!),
            _ => baseResult,
        };
    }

    private static List<MetricEstimate> Run<TSample>(TSample sample, int units, IReadOnlyList<IMetric<TSample>> metrics,
        EvaluationSettings settings, Action<int, int>? progress)
    {
        var values = new MetricValue[metrics.Count];
        for (var m = 0; m < metrics.Count; m++) values[m] = metrics[m].Compute(sample, default);
        double[][]? replicates = null;
        double[][]? jackknife = null;
        var b = settings.BootstrapReplicates;
        if (b > 0)
        {
            replicates = Bootstrap.Replicate(sample, units, metrics, b, settings.Seed, d => progress?.Invoke(d, b));
            if (settings.CiMethod == BootstrapMethod.Bca)
                jackknife = Bootstrap.Jackknife(sample, units, metrics, settings.Seed);
        }
        var list = new List<MetricEstimate>(metrics.Count);
        for (var m = 0; m < metrics.Count; m++)
        {
            ConfidenceInterval? ci = null;
            if (replicates is not null && values[m].IsDefined)
                ci = Bootstrap.Interval(values[m].Value, replicates[m], settings.CiLevel, settings.CiMethod, jackknife is null ? default : jackknife[m]);
            if (sample is BinarySample bs && metrics[m].Name == "roc_auc" && values[m].IsDefined)
                ci = DeLongInterval(bs, settings.CiLevel) ?? ci;
            list.Add(new MetricEstimate(metrics[m].Name, values[m].Value, values[m].Reason, ci, metrics[m].HigherIsBetter));
        }
        return list;
    }

    private static ConfidenceInterval? DeLongInterval(BinarySample sample, double level)
    {
        var d = DeLong.Auc(sample, level);
        return d.Reason is null ? new ConfidenceInterval(d.Lower, d.Upper, "delong", level) : null;
    }

    private static EvaluationResult AddBinaryDetails(EvaluationResult r, PreparedData data)
    {
        var s = data.Binary!;
        var roc = s.Scores is null ? null : RocCurve.Compute(s)?.Downsample(1000);
        var pr = s.Scores is null ? null : PrecisionRecallCurve.Compute(s)?.Downsample(1000);
        return r with
        {
            Confusion = ConfusionMatrix.FromBinary(s, default, data.NegativeLabel ?? "0", data.PositiveLabel ?? "1"),
            Roc = roc,
            PrecisionRecall = pr,
            Distributions = s.Scores is null ? null : ScoreDistributions(s, data.NegativeLabel ?? "negative", data.PositiveLabel ?? "positive"),
        };
    }

    private static Distributions ScoreDistributions(BinarySample s, string negative, string positive)
    {
        var (lo, hi) = Range(s.Scores!);
        var edges = Edges(lo, hi, 40);
        var neg = new double[40];
        var pos = new double[40];
        for (var i = 0; i < s.Count; i++)
            (s.Labels[i] ? pos : neg)[Bin(s.Scores![i], lo, hi, 40)]++;
        return new Distributions("Score distribution by true class", edges, [(negative, neg), (positive, pos)]);
    }

    private static Distributions MaxProbabilityDistributions(MulticlassSample s)
    {
        var k = s.ClassCount;
        var series = new List<(string, double[])>();
        var counts = new double[k][];
        for (var c = 0; c < k; c++) counts[c] = new double[40];
        for (var i = 0; i < s.Count; i++)
            counts[s.Labels[i]][Bin(s.Probabilities![i * k + s.Labels[i]], 0, 1, 40)]++;
        for (var c = 0; c < k; c++) series.Add((s.Classes[c], counts[c]));
        return new Distributions("Probability given to the true class, by class", Edges(0, 1, 40), series);
    }

    private static EvaluationResult AddRegressionDetails(EvaluationResult r, RegressionSample s)
    {
        var residuals = new double[s.Count];
        for (var i = 0; i < s.Count; i++) residuals[i] = s.Predicted[i] - s.Actual[i];
        var (lo, hi) = Range(residuals);
        var counts = new double[40];
        foreach (var v in residuals) counts[Bin(v, lo, hi, 40)]++;
        var order = new int[s.Count];
        var keys = (double[])s.Predicted.Clone();
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        var points = new List<(double, double, int)>();
        var groups = Math.Min(20, s.Count);
        for (var g = 0; g < groups; g++)
        {
            int from = (int)((long)g * s.Count / groups), to = (int)((long)(g + 1) * s.Count / groups);
            double sp = 0, sa = 0;
            for (var k = from; k < to; k++) { sp += s.Predicted[order[k]]; sa += s.Actual[order[k]]; }
            if (to > from) points.Add((sp / (to - from), sa / (to - from), to - from));
        }
        return r with
        {
            Distributions = new Distributions("Residuals (prediction − actual)", Edges(lo, hi, 40), [("residual", counts)]),
            PredictedVsActual = points,
        };
    }

    private static (double, double) Range(double[] v)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var x in v) { if (x < lo) lo = x; if (x > hi) hi = x; }
        if (lo >= 0 && hi <= 1) return (0, 1);
        return lo == hi ? (lo - 0.5, hi + 0.5) : (lo, hi);
    }

    private static double[] Edges(double lo, double hi, int bins)
    {
        var e = new double[bins + 1];
        for (var i = 0; i <= bins; i++) e[i] = lo + (hi - lo) * i / bins;
        return e;
    }

    private static int Bin(double x, double lo, double hi, int bins) => Math.Clamp((int)((x - lo) / (hi - lo) * bins), 0, bins - 1);
}
