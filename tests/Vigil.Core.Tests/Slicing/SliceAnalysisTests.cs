using Vigil.Core.Data;
using Vigil.Core.Metrics;
using Vigil.Core.Slicing;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Slicing;

public class SliceAnalysisTests
{
    private static (DataFrame Frame, BinarySample Sample, System.Text.Json.JsonElement Groups, System.Text.Json.JsonDocument Doc) Synthetic()
    {
        var doc = Fixture.Load("slicing/slice_tests.json");
        var r = doc.RootElement;
        var frame = new DataFrame([
            CategoricalColumn.FromStrings("region", r.GetProperty("region").Strings()),
            new NumericColumn("age", r.GetProperty("age").Doubles()),
        ]);
        var labels = r.GetProperty("labels").Ints().Select(v => v == 1).ToArray();
        var predictions = r.GetProperty("predictions").Ints().Select(v => v == 1).ToArray();
        return (frame, new BinarySample(labels, null, predictions), r.GetProperty("groups"), doc);
    }

    [Fact]
    public void GroupsTestsAndBenjaminiHochbergMatchScipy()
    {
        var (frame, sample, expected, doc) = Synthetic();
        using var owned = doc;
        var report = SliceAnalysis.Analyze(frame, null, sample, ["region", "age"], new SliceSettings { BootstrapReplicates = 50, Seed = 3 });
        var groups = expected.EnumerateArray().ToArray();
        Assert.Equal(groups.Length, report.Groups.Count);
        foreach (var e in groups)
        {
            var g = report.Groups.Single(x => x.Column == e.GetProperty("column").GetString() && x.Value == e.GetProperty("value").GetString());
            var rows = e.GetProperty("rows").GetInt32();
            Assert.Equal(rows, g.Rows);
            Approx.Equal((double)e.GetProperty("errors").GetInt32() / rows, g.Error, 1e-12);
            // accuracy computed with 0/1 weights must equal the reference count of correct rows
            Approx.Equal(1 - (double)e.GetProperty("errors").GetInt32() / rows, g.Metrics.Single(m => m.Name == "accuracy").Value, 1e-12);
            if (e.TryGetProperty("insufficient", out _))
            {
                Assert.True(g.InsufficientData);
                Assert.Null(g.SignificantlyWorse);
                Assert.True(double.IsNaN(g.PValue));
                continue;
            }
            Assert.Equal(e.GetProperty("test").GetString(), g.Test);
            Approx.Equal(e.GetProperty("p").GetDouble(), g.PValue, 1e-6, 1e-12, $"{g.Value} p");
            Approx.Equal(e.GetProperty("adjusted").GetDouble(), g.AdjustedPValue, 1e-6, 1e-12, $"{g.Value} adjusted p");
            Assert.Equal(e.GetProperty("significantly_worse").GetBoolean(), g.SignificantlyWorse);
            var ci = g.Metrics.Single(m => m.Name == "accuracy").Interval!;
            Assert.True(ci.Low <= g.Metrics.Single(m => m.Name == "accuracy").Value && ci.High >= g.Metrics.Single(m => m.Name == "accuracy").Value);
        }
        // the planted worse region is flagged, random age bins are not
        Assert.True(report.Groups.Single(x => x.Value == "north").SignificantlyWorse);
        Assert.DoesNotContain(report.Groups, x => x.Column == "age" && x.SignificantlyWorse == true);
    }

    [Fact]
    public void WeightedMetricsEqualMetricsOnTheCopiedRows()
    {
        var rng = new Random(5);
        var n = 400;
        var labels = new bool[n];
        var scores = new double[n];
        var cats = new string?[n];
        for (var i = 0; i < n; i++) { labels[i] = rng.NextDouble() < 0.4; scores[i] = labels[i] ? rng.NextDouble() * 0.7 + 0.3 : rng.NextDouble() * 0.7; cats[i] = rng.Next(3) == 0 ? "x" : "y"; }
        var frame = new DataFrame([CategoricalColumn.FromStrings("c", cats)]);
        var report = SliceAnalysis.Analyze(frame, null, new BinarySample(labels, scores), ["c"], new SliceSettings { BootstrapReplicates = 0 });
        foreach (var g in report.Groups)
        {
            var rows = Enumerable.Range(0, n).Where(i => cats[i] == g.Value).ToArray();
            var part = new BinarySample(rows.Select(i => labels[i]).ToArray(), rows.Select(i => scores[i]).ToArray());
            foreach (var m in MetricCatalog.Binary)
                Approx.Equal(m.Compute(part, default).Value, g.Metrics.Single(x => x.Name == m.Name).Value, 1e-9, 1e-12, $"{g.Value} {m.Name}");
        }
    }

    [Fact]
    public void ProportionTestsMatchScipyIncludingFisherForSmallCounts()
    {
        using var doc = Fixture.Load("slicing/tests.json");
        foreach (var e in doc.RootElement.GetProperty("proportions").EnumerateArray())
        {
            var o = SliceVersusRest.Proportions(e.GetProperty("e1").GetInt32(), e.GetProperty("n1").GetInt32(), e.GetProperty("e2").GetInt32(), e.GetProperty("n2").GetInt32());
            Assert.Equal(e.GetProperty("test").GetString(), o.Test);
            Approx.Equal(e.GetProperty("p").GetDouble(), o.PValue, 1e-6, 1e-12);
        }
        Assert.True(double.IsNaN(SliceVersusRest.Proportions(0, 50, 0, 50).PValue));
    }

    [Fact]
    public void RegressionSlicesUseWelchOnAbsoluteErrorsAsScipy()
    {
        using var doc = Fixture.Load("slicing/tests.json");
        var w = doc.RootElement.GetProperty("welch");
        var group = w.GetProperty("group").Ints();
        var frame = new DataFrame([CategoricalColumn.FromStrings("g", group.Select(v => v == 1 ? "in" : "out").ToArray())]);
        var sample = new RegressionSample(w.GetProperty("actual").Doubles(), w.GetProperty("predicted").Doubles());
        var report = SliceAnalysis.Analyze(frame, null, sample, ["g"], new SliceSettings { BootstrapReplicates = 20 });
        var inside = report.Groups.Single(g => g.Value == "in");
        Assert.Equal("welch_t", inside.Test);
        Approx.Equal(w.GetProperty("p").GetDouble(), inside.PValue, 1e-6, 1e-12);
        Assert.True(inside.SignificantlyWorse);
        Assert.False(report.Groups.Single(g => g.Value == "out").SignificantlyWorse);
    }

    [Fact]
    public void MissingColumnOrBadSettingsThrow()
    {
        var (frame, sample, _, doc) = Synthetic();
        using var _d = doc;
        var ex = Assert.Throws<ArgumentException>(() => SliceAnalysis.Analyze(frame, null, sample, ["nope"], new SliceSettings()));
        Assert.Contains("nope", ex.Message);
        Assert.Throws<ArgumentException>(() => SliceAnalysis.Analyze(frame, null, sample, ["age"], new SliceSettings { Bins = 0, Alpha = 2 }));
    }
}
