using System.Globalization;
using System.Text.Json;
using Vigil.Core.Estimation;
using Vigil.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Core.Tests.Estimation;

public class CbpeTests(ITestOutputHelper output)
{
    private static JsonElement Root => Fixture.Load("estimation/cbpe.json").RootElement;

    private static bool[] Bools(JsonElement e) => e.Ints().Select(v => v == 1).ToArray();

    [Fact]
    public void ExpectedMetricsMatchScikitLearnWeightedCurvesOnDoubledRows()
    {
        foreach (var c in Root.GetProperty("expected").EnumerateArray())
        {
            var p = c.GetProperty("probabilities").Doubles();
            var yhat = Bools(c.GetProperty("predictions"));
            foreach (var metric in EstimationMetricNames.Binary)
                Approx.Equal(c.GetProperty(metric).GetDouble(), BinaryChunkMetrics.Expected(metric, p, yhat), 1e-12, 1e-14, metric);
        }
    }

    [Fact]
    public void RealizedMetricsMatchScikitLearn()
    {
        foreach (var c in Root.GetProperty("realized").EnumerateArray())
        {
            var s = c.GetProperty("scores").Doubles();
            var y = Bools(c.GetProperty("labels"));
            var yhat = Bools(c.GetProperty("predictions"));
            foreach (var metric in EstimationMetricNames.Binary)
                Approx.Equal(c.GetProperty(metric).GetDouble(), BinaryChunkMetrics.Realized(metric, y, yhat, s), 1e-12, 1e-14, metric);
        }
    }

    [Fact]
    public void CalendarChunksMatchPandasPeriods()
    {
        var reference = California.Load("california_housing_reference.csv");
        var weeks = new CalendarChunker("1w").Split(reference.Rows, reference.Ticks);
        var expected = Root.GetProperty("california").GetProperty("reference_weekly_counts").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, weeks.Count);
        for (var i = 0; i < weeks.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("start").GetString(), weeks[i].Start!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].GetProperty("rows").GetInt32(), weeks[i].Rows.Length);
            Assert.Equal(DayOfWeek.Monday, weeks[i].Start!.Value.DayOfWeek);
        }
        var t = new DateTime(2021, 3, 31, 23, 59, 59, DateTimeKind.Utc).Ticks;
        var months = new CalendarChunker("1M").Split(2, [t, t + TimeSpan.TicksPerSecond]);
        Assert.Equal(["2021-03", "2021-04"], months.Select(m => m.Key));
        Assert.Equal(new DateTime(2021, 4, 1, 0, 0, 0, DateTimeKind.Utc), months[0].End);
        Assert.Throws<ArgumentException>(() => new CalendarChunker("1y"));
    }

    [Fact]
    public void RowCountChunksKeepTheRemainder()
    {
        var chunks = new RowCountChunker(4).Split(10, []);
        Assert.Equal([4, 4, 2], chunks.Select(c => c.Rows.Length));
        Assert.Equal("[8:9]", chunks[2].Key);
    }

    [Fact]
    public void MonthlyRocAucEstimateTracksRealizedOnNannyMLCaliforniaHousing()
    {
        var reference = California.Load("california_housing_reference.csv");
        var analysis = California.Load("california_housing_analysis.csv", "california_housing_analysis_gt.csv");
        var chunker = new CalendarChunker("1M");
        var estimator = ConfidenceBasedPerformanceEstimator.Fit(reference.Labels, reference.Scores, reference.Predictions,
            chunker.Split(reference.Rows, reference.Ticks));
        var result = estimator.Estimate(analysis.Scores, analysis.Predictions, chunker.Split(analysis.Rows, analysis.Ticks), analysis.Labels);

        var cal = Root.GetProperty("california");
        var expected = cal.GetProperty("analysis_monthly").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, result.Chunks.Count);
        double absoluteError = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var chunk = result.Chunks[i];
            Assert.Equal(expected[i].GetProperty("key").GetString(), chunk.Key);
            Assert.Equal(expected[i].GetProperty("rows").GetInt32(), chunk.Rows);
            var auc = chunk.Metrics[EstimationMetricNames.RocAuc];
            Approx.Equal(expected[i].GetProperty("roc_auc").GetDouble(), auc.Realized, 1e-12, 1e-14, $"{chunk.Key} realised roc_auc (sklearn)");
            Approx.Equal(expected[i].GetProperty("accuracy").GetDouble(), chunk.Metrics[EstimationMetricNames.Accuracy].Realized, 1e-12, 1e-14, "realised accuracy");
            Approx.Equal(expected[i].GetProperty("f1").GetDouble(), chunk.Metrics[EstimationMetricNames.F1].Realized, 1e-12, 1e-14, "realised f1");
            Assert.InRange(auc.Estimated, auc.Lower, auc.Upper);
            absoluteError += Math.Abs(auc.Estimated - auc.Realized);
            output.WriteLine($"{chunk.Key}: estimated {auc.Estimated:F4} [{auc.Lower:F4}, {auc.Upper:F4}] realised {auc.Realized:F4} alert {auc.Alert}");
        }
        var mae = absoluteError / expected.Length;
        output.WriteLine($"calibrated: {result.Calibration}; MAE of monthly roc_auc = {mae:F4}");
        Assert.True(mae <= 0.05, $"MAE {mae} > 0.05 (CONTRACTS)");

        var threshold = result.ReferenceThresholds[EstimationMetricNames.RocAuc];
        Approx.Equal(cal.GetProperty("roc_auc_threshold_lower").GetDouble(), threshold.Lower, 1e-12, 1e-14, "threshold lower (numpy mean − 3σ)");
        Approx.Equal(cal.GetProperty("roc_auc_threshold_upper").GetDouble(), threshold.Upper, 1e-12, 1e-14, "threshold upper");

        // Accuracy band: NannyML's SE = std(1[y = ŷ]) / √n on reference.
        var sigma = cal.GetProperty("accuracy_sigma").GetDouble();
        var first = result.Chunks[0];
        var acc = first.Metrics[EstimationMetricNames.Accuracy];
        Approx.Equal(Math.Min(1, acc.Estimated + 3 * sigma / Math.Sqrt(first.Rows)), acc.Upper, 1e-12, 1e-14, "accuracy upper band");

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) result.WriteJson(writer);
        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("cbpe", json.RootElement.GetProperty("method").GetString());
        Assert.Equal("2021-06", json.RootElement.GetProperty("chunks")[0].GetProperty("key").GetString());
        Assert.True(json.RootElement.GetProperty("chunks")[0].GetProperty("metrics").GetProperty("roc_auc").TryGetProperty("realized", out _));
    }

    [Fact]
    public void CalibrationIsChosenWhenScoresAreBadlyCalibrated()
    {
        var rng = new Random(3);
        var n = 4000;
        var labels = new bool[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = rng.NextDouble();
            labels[i] = rng.NextDouble() < p;
            scores[i] = p * p; // systematically under-confident on positives
        }
        var chunks = new RowCountChunker(500).Split(n, []);
        var estimator = ConfidenceBasedPerformanceEstimator.Fit(labels, scores, [], chunks);
        Assert.True(estimator.Calibration.Calibrated);
        Assert.True(estimator.Calibration.EceAfter < estimator.Calibration.EceBefore);
    }

    /// <summary>A tiny CSV reader for these files (comma-separated, no quoting), local to the test.</summary>
    private sealed class California
    {
        public int Rows => Scores.Length;
        public required double[] Scores { get; init; }
        public required bool[] Predictions { get; init; }
        public required long[] Ticks { get; init; }
        public required bool[] Labels { get; init; }

        public static California Load(string file, string? labelFile = null)
        {
            var lines = File.ReadAllLines(Paths.Data("nannyml_california_housing", file));
            var header = lines[0].Split(',');
            int Col(string name) => Array.IndexOf(header, name);
            var labelById = new Dictionary<string, bool>();
            if (labelFile is not null)
                foreach (var line in File.ReadLines(Paths.Data("nannyml_california_housing", labelFile)).Skip(1))
                {
                    var f = line.Split(',');
                    labelById[f[0]] = f[1] == "1";
                }
            int id = Col("id"), ts = Col("timestamp"), score = Col("y_pred_proba"), pred = Col("y_pred"), target = Col("clf_target");
            var n = lines.Length - 1;
            var result = new California
            {
                Scores = new double[n], Predictions = new bool[n], Ticks = new long[n], Labels = new bool[n],
            };
            for (var i = 0; i < n; i++)
            {
                var f = lines[i + 1].Split(',');
                result.Scores[i] = double.Parse(f[score], CultureInfo.InvariantCulture);
                result.Predictions[i] = f[pred] == "1";
                result.Ticks[i] = DateTime.ParseExact(f[ts], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks;
                result.Labels[i] = target >= 0 ? f[target] == "1" : labelById[f[id]];
            }
            return result;
        }
    }
}
