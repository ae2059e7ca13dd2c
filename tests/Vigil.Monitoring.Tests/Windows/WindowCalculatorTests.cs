using System.Globalization;
using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Drift;
using Vigil.Core.Drift.Analysis;
using Vigil.IO;
using Vigil.Monitoring.Alerts;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Tests.Support;
using Vigil.Monitoring.Windows;
using Vigil.Storage;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Monitoring.Tests.Windows;

public sealed class WindowCalculatorTests
{
    private static readonly Lazy<WindowCalculator> CaliforniaCalculator = new(() =>
        WindowCalculator.Create("ca", California.Reference, MonitorConfigParser.Parse(California.Config), ModelTask.Binary));

    private static (PredictionRows Rows, WindowSpan Span) Month(string month, bool labels = true)
    {
        var start = DateTime.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var end = start.AddMonths(1);
        var rows = Rows.Between(California.Analysis, "timestamp", start, end);
        var schema = CaliforniaCalculator.Value.Schema;
        return (Rows.Window(schema, California.Analysis, rows, "id", "timestamp", "y_pred_proba", "y_pred", labels ? California.Labels : null),
            new WindowSpan(start, end, 0, true));
    }

    private static WindowComputation Compute(string month, bool labels = true)
    {
        var (rows, span) = Month(month, labels);
        return CaliforniaCalculator.Value.Compute(rows, span, DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void SchemaExcludesLabelScorePredictionIdAndTimestamp()
    {
        var schema = CaliforniaCalculator.Value.Schema;
        Assert.Equal(California.Features, schema.Fields.Select(f => f.Name));
        Assert.All(schema.Fields, f => Assert.Equal(FeatureKind.Numeric, f.Kind));
    }

    [Theory]
    [InlineData("2021-06")]
    [InlineData("2021-09")]
    [InlineData("2022-03")]
    [InlineData("2022-05")]
    public void DriftEqualsVigilDriftOnTheSameRows(string month)
    {
        var (rows, span) = Month(month);
        var calculator = CaliforniaCalculator.Value;
        var window = calculator.Compute(rows, span, DateTimeOffset.UnixEpoch);
        var settings = new DriftAnalysisSettings { Columns = California.Features, ForceNumeric = California.Features, MaxParallelColumns = 1 };
        var expected = DatasetDrift.Analyze(California.Reference, calculator.Frame(rows), settings);
        Assert.Equal(expected.Columns.Count, window.Drift.Count(d => d.Result is not null));
        foreach (var e in expected.Columns)
        {
            var actual = window.Drift.Single(d => d.Column == e.Column).Result!;
            Assert.Equal(e.Result.Method, actual.Method);
            Assert.Equal(e.Result.Statistic, actual.Statistic);
            Assert.Equal(e.Result.PValue, actual.PValue);
            Assert.Equal(e.Threshold, actual.Threshold);
            Assert.Equal(e.Drift, actual.Drift);
        }
        Assert.Equal(expected.DriftShare, window.Record.DriftShare!.Value);
    }

    [Fact]
    public void DriftMatchesScipyWassersteinAndTheKnownGeographicShift()
    {
        foreach (var m in California.Monthly().EnumerateArray())
        {
            var window = Compute(m.GetProperty("month").GetString()!, labels: false);
            foreach (var p in m.GetProperty("wasserstein_norm").EnumerateObject())
            {
                var r = window.Drift.Single(d => d.Column == p.Name).Result!;
                Assert.Equal("wasserstein_norm", r.Method);
                Approx.Equal(p.Value.GetDouble(), r.Statistic, relative: 1e-6, what: $"{m.GetProperty("month")} {p.Name}");
                Assert.Equal(p.Value.GetDouble() >= 0.1, r.Drift);
            }
            // README: the time split is a covariate shift in Latitude and Longitude.
            Assert.True(window.Drift.Single(d => d.Column == "Latitude").Result!.Drift);
        }
    }

    [Fact]
    public void RealizedMetricsMatchScikitLearnPerMonth()
    {
        foreach (var m in California.Monthly().EnumerateArray())
        {
            var window = Compute(m.GetProperty("month").GetString()!);
            var realized = window.Performance.Realized!;
            foreach (var metric in new[] { "roc_auc", "f1", "accuracy" })
                Approx.Equal(m.GetProperty(metric).GetDouble(), realized[metric], relative: 1e-9, what: $"{m.GetProperty("month")} {metric}");
            Assert.Equal(m.GetProperty("events").GetInt32(), (int)window.Record.Events);
            Assert.Equal(window.Record.Events, window.Record.Labeled);
        }
    }

    [Fact]
    public void CbpeEstimatesMonthlyRocAucWithinTheContractTarget()
    {
        var errors = new List<double>();
        foreach (var m in California.Monthly().EnumerateArray())
        {
            var window = Compute(m.GetProperty("month").GetString()!, labels: false);
            Assert.Equal("cbpe", window.Performance.Estimator);
            Assert.Null(window.Performance.Realized);
            var estimate = window.Performance.Estimated!["roc_auc"];
            Assert.True(estimate.Lower <= estimate.Value && estimate.Value <= estimate.Upper);
            Assert.InRange(estimate.Reference, 0.8, 1.0);
            errors.Add(Math.Abs(estimate.Value - m.GetProperty("roc_auc").GetDouble()));
        }
        // CONTRACTS.md: mean absolute error of monthly ROC AUC estimates <= 0.05 against the realised (sklearn) values.
        Assert.True(errors.Average() <= 0.05, $"CBPE monthly ROC AUC MAE {errors.Average():F4}");
    }

    [Fact]
    public void DistributionUsesReferenceQuantileBinsAsNumpy()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Paths.Fixture("monitoring", "california_monthly.json")));
        var expected = doc.RootElement.GetProperty("distribution");
        var window = Compute("2021-06", labels: false);
        var shares = window.Drift.Single(d => d.Column == "MedInc").Distribution!;
        Check(expected.GetProperty("edges"), shares.Edges);
        Check(expected.GetProperty("reference"), shares.Reference);
        Check(expected.GetProperty("current"), shares.Current);
        using var json = JsonDocument.Parse(window.Record.ResultJson);
        var d = json.RootElement.GetProperty("distributions").GetProperty("MedInc");
        Assert.Equal("numeric", d.GetProperty("kind").GetString());
        Assert.Equal(11, d.GetProperty("edges").GetArrayLength());

        static void Check(JsonElement e, IReadOnlyList<double> actual)
        {
            Assert.Equal(e.GetArrayLength(), actual.Count);
            for (var i = 0; i < actual.Count; i++) Approx.Equal(e[i].GetDouble(), actual[i], relative: 1e-12);
        }
    }

    [Fact]
    public void WindowJsonHasTheApiShape()
    {
        var window = Compute("2021-07");
        using var doc = JsonDocument.Parse(window.Record.ResultJson);
        var root = doc.RootElement;
        foreach (var key in new[] { "model", "index", "start", "end", "closed", "events", "labeled", "computed_at", "drift", "prediction_drift", "quality", "estimated", "realized", "distributions", "prediction_distribution", "profile" })
            Assert.True(root.TryGetProperty(key, out _), key);
        foreach (var key in new[] { "drift_share", "columns_tested", "drifted_columns", "columns", "skipped_columns" })
            Assert.True(root.GetProperty("drift").TryGetProperty(key, out _), key);
        var column = root.GetProperty("drift").GetProperty("columns")[0];
        foreach (var key in new[] { "column", "method", "statistic", "p_value", "threshold", "drift" })
            Assert.True(column.TryGetProperty(key, out _), key);
        Assert.Equal("y_pred_proba", root.GetProperty("prediction_drift").GetProperty("column").GetString());
        Assert.Equal("2021-07-01T00:00:00Z", root.GetProperty("start").GetString());
        Assert.Equal("vigil-profile", root.GetProperty("profile").GetProperty("format").GetString());
        var observed = WindowObservation.FromJson(window.Record.ResultJson);
        Assert.Equal(window.Record.DriftShare, observed.DriftShare);
        Assert.Equal(window.Performance.Realized!["roc_auc"], observed.Realized["roc_auc"]);
        Assert.Equal(window.Performance.Estimated!["roc_auc"].Value, observed.Estimated["roc_auc"]);
    }

    [Fact]
    public void PredictionDriftComparesScoresWithTheReferenceScores()
    {
        var (rows, span) = Month("2021-08");
        var window = CaliforniaCalculator.Value.Compute(rows, span, DateTimeOffset.UnixEpoch);
        var reference = California.Reference;
        var current = new DataFrame([new NumericColumn("y_pred_proba", [.. rows.Batch.Scores.Take(rows.Count)])]);
        var expected = DatasetDrift.Analyze(reference, current, new DriftAnalysisSettings { Columns = ["y_pred_proba"], ForceNumeric = ["y_pred_proba"] });
        Assert.Equal(expected.Columns[0].Result.Statistic, window.PredictionDrift!.Result!.Statistic);
        Assert.Equal(expected.Columns[0].Drift, window.PredictionDrift.Result.Drift);
    }

    [Fact]
    public void EmptyWindowGetsARecordWithNothingTested()
    {
        var schema = CaliforniaCalculator.Value.Schema;
        var window = CaliforniaCalculator.Value.Compute(new PredictionRows(schema, 0), new WindowSpan(new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 2, 1, 0, 0, 0, DateTimeKind.Utc), 7, true), DateTimeOffset.UnixEpoch);
        Assert.Equal(0, window.Record.Events);
        Assert.Null(window.Record.DriftShare);
        Assert.All(window.Drift, d => Assert.Equal("no events in the window", d.SkipReason));
        var observed = WindowObservation.FromJson(window.Record.ResultJson);
        Assert.Equal(0, observed.Events);
        Assert.Null(observed.DriftShare);
        Assert.Null(observed.QualityFailed);
    }

    [Fact]
    public void BadColumnsAreSkippedWithAReasonNotThrown()
    {
        var (rows, span) = Month("2021-10");
        var schema = CaliforniaCalculator.Value.Schema;
        var medInc = schema.Fields.ToList().FindIndex(f => f.Name == "MedInc");
        Array.Fill(rows.Batch.Numeric[medInc]!, double.NaN);
        // the store's schema lost a feature (e.g. a monitor widened later): that feature is skipped, the rest tested
        var narrower = new FeatureSchema([.. schema.Fields.Where(f => f.Name != "AveRooms")]);
        var restricted = new PredictionRows(narrower, rows.Count);
        Rows.Copy(rows.Batch, restricted.Batch, rows.Count, new FeatureSchema([]));
        for (int f = 0, g = 0; f < schema.Fields.Count; f++)
        {
            if (schema.Fields[f].Name == "AveRooms") continue;
            Array.Copy(rows.Batch.Numeric[f]!, restricted.Batch.Numeric[g++]!, rows.Count);
        }
        var window = CaliforniaCalculator.Value.Compute(restricted, span, DateTimeOffset.UnixEpoch);
        Assert.Equal("no values in the current data (all missing)", window.Drift.Single(d => d.Column == "MedInc").SkipReason);
        Assert.Equal("not stored with the events", window.Drift.Single(d => d.Column == "AveRooms").SkipReason);
        Assert.Equal(6, window.Drift.Count(d => d.Result is not null));
        using var doc = JsonDocument.Parse(window.Record.ResultJson);
        Assert.Equal(2, doc.RootElement.GetProperty("drift").GetProperty("skipped_columns").GetArrayLength());
    }

    [Fact]
    public void QualityCountsFailedChecksOfTheSuggestedSuite()
    {
        var clean = Compute("2021-11", labels: false);
        var (rows, span) = Month("2021-11", labels: false);
        var medInc = CaliforniaCalculator.Value.Schema.Fields.ToList().FindIndex(f => f.Name == "MedInc");
        var values = rows.Batch.Numeric[medInc]!;
        for (var i = 0; i < 50; i++) values[i] = -5; // below the reference range
        var corrupted = CaliforniaCalculator.Value.Compute(rows, span, DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain(clean.Quality!.Failures, f => f.Column == "MedInc" && f.Check == "between");
        var failure = Assert.Single(corrupted.Quality!.Failures, f => f.Column == "MedInc" && f.Check == "between");
        Assert.Equal(50, failure.Failed);
        Assert.Equal(clean.Quality.Failed + 1, corrupted.Quality.Failed);
        Assert.Equal((double)corrupted.Quality.Failed, WindowObservation.FromJson(corrupted.Record.ResultJson).QualityFailed);
    }

    [Fact]
    public void CategoricalColumnsEqualVigilDriftOnAdult()
    {
        var adult = DataFile.Read(Paths.Data("adult", "adult.csv"));
        var referenceRows = Enumerable.Range(0, 8000).ToArray();
        var reference = adult.Take(referenceRows);
        var education = (CategoricalColumn)adult["education"];
        var current = Enumerable.Range(8000, adult.RowCount - 8000).Where(i => education.GetText(i) == "Bachelors").Take(3000).ToArray();
        var config = MonitorConfigParser.Parse("""{"reference": {"dataset_id": "x"}, "label": "class", "window": "1d", "features": ["age", "workclass", "education", "marital-status", "occupation", "race", "sex", "hours-per-week", "native-country", "education-num"]}""");
        var calculator = WindowCalculator.Create("adult", reference, config, ModelTask.Binary, "<=50K");
        var schema = calculator.Schema;
        var rows = new PredictionRows(schema, current.Length);
        for (var f = 0; f < schema.Fields.Count; f++)
            for (var k = 0; k < current.Length; k++)
            {
                var column = adult[schema.Fields[f].Name];
                if (schema.Fields[f].Kind == FeatureKind.Numeric) rows.Batch.Numeric[f]![k] = ((NumericColumn)column).Values[current[k]];
                else rows.Batch.Categorical[f]![k] = column.GetText(current[k]);
            }
        for (var k = 0; k < current.Length; k++) { rows.Batch.Ids[k] = k.ToString(CultureInfo.InvariantCulture); rows.Batch.Scores[k] = double.NaN; }
        var window = calculator.Compute(rows, new WindowSpan(DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1), 0, true), DateTimeOffset.UnixEpoch);
        var tested = window.Drift.Where(d => d.Result is not null).ToList();
        var settings = new DriftAnalysisSettings
        {
            Columns = [.. tested.Select(d => d.Column)],
            ForceCategorical = [.. tested.Where(d => d.Kind == DriftColumnKind.Categorical).Select(d => d.Column)],
            ForceNumeric = [.. tested.Where(d => d.Kind == DriftColumnKind.Numeric).Select(d => d.Column)],
        };
        var expected = DatasetDrift.Analyze(reference, calculator.Frame(rows), settings);
        Assert.Contains(tested, d => d.Kind == DriftColumnKind.Categorical && d.Result!.UnseenCategories.Count == 0);
        foreach (var e in expected.Columns)
        {
            var actual = tested.Single(d => d.Column == e.Column).Result!;
            Assert.Equal(e.Result.Method, actual.Method);
            Assert.Equal(e.Result.Statistic, actual.Statistic);
            Assert.Equal(e.Result.PValue, actual.PValue);
            Assert.Equal(e.Drift, actual.Drift);
        }
        // slice-induced drift: the Bachelors slice drifts on education itself; education-num has 16 integer codes (> 10) so it stays numeric
        Assert.True(tested.Single(d => d.Column == "education").Result!.Drift);
        Assert.Equal(DriftColumnKind.Numeric, tested.Single(d => d.Column == "education-num").Kind);
        Assert.Equal(DriftColumnKind.Categorical, tested.Single(d => d.Column == "sex").Kind);
        var shares = tested.Single(d => d.Column == "education").Distribution!;
        Assert.Contains("Bachelors", shares.Categories);
        Approx.Equal(1.0, shares.Current.Sum(), absolute: 1e-12);
        Approx.Equal(1.0, shares.Reference.Sum(), absolute: 1e-12);
    }
}
