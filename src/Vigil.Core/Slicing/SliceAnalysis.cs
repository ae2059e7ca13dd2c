using Vigil.Core.Data;
using Vigil.Core.Drift;
using Vigil.Core.Evaluation;
using Vigil.Core.Metrics;
using Vigil.Core.Statistics;

namespace Vigil.Core.Slicing;

/// <summary>
/// Metrics per slice (<c>--slice COL[,COL...]</c>): each column splits the evaluated rows into groups
/// (<see cref="SliceColumnGroups"/>); each group gets the task's metrics from <see cref="MetricCatalog"/>, computed
/// on the full sample with weights 1 on the group's rows and 0 elsewhere (no rows copied); a percentile bootstrap
/// interval for the primary metric (default: <c>roc_auc</c> for binary with scores, else <c>accuracy</c>;
/// <c>accuracy</c> for multiclass; <c>mae</c> for regression), resampling the group's rows only; and a test of its
/// error against the rest of the rows (<see cref="SliceVersusRest"/>: error rate at the threshold for
/// classification, absolute error for regression). p-values of every tested group of the run are adjusted by
/// Benjamini–Hochberg (1995); a group is <c>significantly_worse</c> when its adjusted p &lt; α and its error exceeds
/// the rest's. Groups under <see cref="SliceSettings.MinimumRows"/> are reported with <c>insufficient_data</c>.
/// Cost: O(G·n·M) for G groups and M metrics, plus O(B·nᵍ) per group for B bootstrap replicates.
/// </summary>
public static class SliceAnalysis
{
    /// <summary>
    /// Slices prepared data by the given frame columns (<paramref name="frame"/> is the frame the data was prepared
    /// from; <see cref="PreparedData.SourceRows"/> maps evaluated rows to its rows). Ranking is not supported.
    /// Throws <see cref="ArgumentException"/> when a column is absent or is a timestamp column.
    /// </summary>
    public static SliceReport Analyze(DataFrame frame, PreparedData data, IReadOnlyList<string> columns, SliceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Task switch
        {
            EvaluationTask.Binary => Analyze(frame, data.SourceRows, data.Binary!, columns, settings),
            EvaluationTask.Multiclass => Analyze(frame, data.SourceRows, data.Multiclass!, columns, settings),
            EvaluationTask.Regression => Analyze(frame, data.SourceRows, data.Regression!, columns, settings),
            _ => throw new ArgumentException($"slices are not supported for the {data.Task} task", nameof(data)),
        };
    }

    /// <summary>Slices a binary sample; evaluated row i is frame row <paramref name="sourceRows"/>[i] (identity when null).</summary>
    public static SliceReport Analyze(DataFrame frame, int[]? sourceRows, BinarySample sample, IReadOnlyList<string> columns, SliceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var errors = new double[sample.Count];
        for (var i = 0; i < errors.Length; i++) errors[i] = sample.Predictions[i] != sample.Labels[i] ? 1 : 0;
        var primary = settings?.PrimaryMetric ?? (sample.Scores is null ? "accuracy" : "roc_auc");
        return Run(frame, sourceRows, sample, sample.Count, MetricCatalog.Binary, primary, errors, true, rows =>
        {
            var labels = new bool[rows.Length];
            var predictions = new bool[rows.Length];
            var scores = sample.Scores is null ? null : new double[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                labels[i] = sample.Labels[rows[i]];
                predictions[i] = sample.Predictions[rows[i]];
                if (scores is not null) scores[i] = sample.Scores![rows[i]];
            }
            return new BinarySample(labels, scores, predictions, sample.Threshold);
        }, columns, settings!);
    }

    /// <summary>Slices a multiclass sample; evaluated row i is frame row <paramref name="sourceRows"/>[i] (identity when null).</summary>
    public static SliceReport Analyze(DataFrame frame, int[]? sourceRows, MulticlassSample sample, IReadOnlyList<string> columns, SliceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var errors = new double[sample.Count];
        for (var i = 0; i < errors.Length; i++) errors[i] = sample.Predictions[i] != sample.Labels[i] ? 1 : 0;
        var k = sample.ClassCount;
        return Run(frame, sourceRows, sample, sample.Count, MetricCatalog.Multiclass, settings?.PrimaryMetric ?? "accuracy", errors, true, rows =>
        {
            var labels = new int[rows.Length];
            var predictions = new int[rows.Length];
            var probabilities = sample.Probabilities is null ? null : new double[rows.Length * k];
            for (var i = 0; i < rows.Length; i++)
            {
                labels[i] = sample.Labels[rows[i]];
                predictions[i] = sample.Predictions[rows[i]];
                if (probabilities is not null) Array.Copy(sample.Probabilities!, rows[i] * k, probabilities, i * k, k);
            }
            return new MulticlassSample(sample.Classes, labels, probabilities, predictions);
        }, columns, settings!);
    }

    /// <summary>Slices a regression sample; evaluated row i is frame row <paramref name="sourceRows"/>[i] (identity when null).</summary>
    public static SliceReport Analyze(DataFrame frame, int[]? sourceRows, RegressionSample sample, IReadOnlyList<string> columns, SliceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var errors = new double[sample.Count];
        for (var i = 0; i < errors.Length; i++) errors[i] = Math.Abs(sample.Predicted[i] - sample.Actual[i]);
        return Run(frame, sourceRows, sample, sample.Count, MetricCatalog.Regression, settings?.PrimaryMetric ?? "mae", errors, false, rows =>
        {
            var actual = new double[rows.Length];
            var predicted = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++) { actual[i] = sample.Actual[rows[i]]; predicted[i] = sample.Predicted[rows[i]]; }
            return new RegressionSample(actual, predicted);
        }, columns, settings!);
    }

    private static SliceReport Run<TSample>(DataFrame frame, int[]? sourceRows, TSample sample, int n,
        IReadOnlyList<IMetric<TSample>> metrics, string primary, double[] errors, bool binaryErrors,
        Func<int[], TSample> subset, IReadOnlyList<string> columns, SliceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (sourceRows is not null && sourceRows.Length != n)
            throw new ArgumentException($"sourceRows holds {sourceRows.Length} rows for a sample of {n}", nameof(sourceRows));
        if (sourceRows is null && frame.RowCount != n)
            throw new ArgumentException($"the frame has {frame.RowCount} rows for a sample of {n}; give sourceRows", nameof(sourceRows));
        var primaryIndex = -1;
        for (var m = 0; m < metrics.Count; m++) if (metrics[m].Name == primary) primaryIndex = m;
        if (primaryIndex < 0) throw new ArgumentException($"unknown primary metric '{primary}' for this task", nameof(settings));
        var missing = new List<string>();
        foreach (var c in columns) if (!frame.Contains(c)) missing.Add(c);
        if (missing.Count > 0) throw new ArgumentException("slice column(s) not found: " + string.Join(", ", missing), nameof(columns));

        double totalError = 0;
        foreach (var e in errors) totalError += e;
        var groups = new List<SliceGroup>();
        var pValues = new List<double>();
        var weights = new double[n];
        foreach (var name in columns)
        {
            var grouping = SliceColumnGroups.Create(frame[name], sourceRows, settings.Bins);
            for (var g = 0; g < grouping.GroupCount; g++)
            {
                var rows = grouping.RowsOf(g);
                double sliceError = 0;
                foreach (var r in rows) { weights[r] = 1; sliceError += errors[r]; }
                var estimates = new MetricEstimate[metrics.Count];
                for (var m = 0; m < metrics.Count; m++)
                {
                    var v = metrics[m].Compute(sample, weights);
                    estimates[m] = new MetricEstimate(metrics[m].Name, v.Value, v.Reason, null, metrics[m].HigherIsBetter);
                }
                foreach (var r in rows) weights[r] = 0;

                var restRows = n - rows.Length;
                var group = new SliceGroup
                {
                    Column = name, Value = grouping.Labels[g], Rows = rows.Length, Metrics = estimates, PrimaryMetric = primary,
                    Error = rows.Length > 0 ? sliceError / rows.Length : double.NaN,
                    RestError = restRows > 0 ? (totalError - sliceError) / restRows : double.NaN,
                };
                if (rows.Length < settings.MinimumRows)
                {
                    group = group with { InsufficientData = true, Reason = $"insufficient_data: {rows.Length} rows, fewer than the minimum {settings.MinimumRows}" };
                }
                else
                {
                    var rowArray = rows.ToArray();
                    if (settings.BootstrapReplicates > 0 && estimates[primaryIndex].Reason is null)
                    {
                        var part = subset(rowArray);
                        var replicates = Bootstrap.Replicate(part, rowArray.Length, [metrics[primaryIndex]], settings.BootstrapReplicates, settings.Seed);
                        var ci = Bootstrap.Interval(estimates[primaryIndex].Value, replicates[0], settings.CiLevel, BootstrapMethod.Percentile);
                        estimates[primaryIndex] = estimates[primaryIndex] with { Interval = ci };
                    }
                    var outcome = binaryErrors
                        ? SliceVersusRest.Proportions((long)Math.Round(sliceError), rows.Length, (long)Math.Round(totalError - sliceError), restRows)
                        : SliceVersusRest.Means(Gather(errors, rowArray, inside: true), Gather(errors, rowArray, inside: false));
                    group = group with { Test = outcome.Test, PValue = outcome.PValue, Reason = outcome.Reason };
                }
                groups.Add(group);
                pValues.Add(group.PValue);
            }
        }

        var adjusted = BenjaminiHochberg.Adjust(pValues.ToArray());
        for (var i = 0; i < groups.Count; i++)
        {
            if (double.IsNaN(adjusted[i])) continue;
            var g = groups[i];
            groups[i] = g with { AdjustedPValue = adjusted[i], SignificantlyWorse = adjusted[i] < settings.Alpha && g.Error > g.RestError };
        }
        return new SliceReport(groups, settings);
    }

    private static double[] Gather(double[] values, int[] sortedRows, bool inside)
    {
        var result = new double[inside ? sortedRows.Length : values.Length - sortedRows.Length];
        if (inside)
        {
            for (var i = 0; i < sortedRows.Length; i++) result[i] = values[sortedRows[i]];
            return result;
        }
        int k = 0, j = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (j < sortedRows.Length && sortedRows[j] == i) { j++; continue; }
            result[k++] = values[i];
        }
        return result;
    }
}
