using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Fairness;
using Vigil.Core.Metrics;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Fairness;

/// <summary>
/// Against tests/fixtures/fairness/groups.json: pandas group-bys with Fairlearn's definitions (gen_fairness.py),
/// including intersections (sex × race) and pandas qcut(q=4) bins for a numeric column with missing values.
/// </summary>
public class ReferenceGroupsTests
{
    private static readonly JsonElement Root = Fixture.Load("fairness/groups.json").RootElement;

    private static (DataFrame Frame, BinarySample Sample) Data()
    {
        var y = Root.GetProperty("y").Ints();
        var p = Root.GetProperty("pred").Ints();
        var labels = new bool[y.Length];
        var preds = new bool[y.Length];
        for (var i = 0; i < y.Length; i++) { labels[i] = y[i] == 1; preds[i] = p[i] == 1; }
        var frame = new DataFrame([
            CategoricalColumn.FromStrings("sex", Root.GetProperty("sex").Strings()),
            CategoricalColumn.FromStrings("race", Root.GetProperty("race").Strings()),
            new NumericColumn("age", Root.GetProperty("age").Doubles()),
        ]);
        return (frame, new BinarySample(labels, null, preds));
    }

    [Theory]
    [InlineData("sex", new[] { "sex" })]
    [InlineData("sex_race", new[] { "sex", "race" })]
    [InlineData("age", new[] { "age" })]
    public void MatchesPandasGroupByWithFairlearnDefinitions(string caseName, string[] columns)
    {
        var (frame, sample) = Data();
        var expected = Root.GetProperty("cases").GetProperty(caseName);
        var groups = SensitiveGroups.FromColumns(frame, columns);
        var r = FairnessAssessment.Evaluate(sample, groups,
            new FairnessOptions { MinimumGroupCount = Root.GetProperty("min_count").GetInt32(), BootstrapReplicates = 0 });

        var expectedGroups = expected.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expectedGroups.Count, r.Groups.Count);
        foreach (var e in expectedGroups)
        {
            var name = e.GetProperty("name").GetString()!;
            var g = r.Groups.SingleOrDefault(x => x.Group == name) ?? throw new Xunit.Sdk.XunitException($"group {name} missing; have {string.Join(", ", r.Groups.Select(x => x.Group))}");
            Assert.Equal(e.GetProperty("count").GetInt32(), g.Count);
            Assert.Equal(e.GetProperty("positives").GetInt32(), g.Positives);
            Assert.Equal(e.GetProperty("tp").GetInt32(), g.TruePositives);
            Assert.Equal(e.GetProperty("fp").GetInt32(), g.FalsePositives);
            var insufficient = e.GetProperty("insufficient").GetBoolean();
            Assert.Equal(insufficient, g.InsufficientData);
            if (insufficient) continue;
            Approx.Equal(e.GetProperty("selection_rate").Number(), g.SelectionRate.Value, what: name + " selection_rate");
            Approx.Equal(e.GetProperty("tpr").Number(), g.TruePositiveRate.Value, what: name + " tpr");
            Approx.Equal(e.GetProperty("fpr").Number(), g.FalsePositiveRate.Value, what: name + " fpr");
            Approx.Equal(e.GetProperty("precision").Number(), g.Precision.Value, what: name + " precision");
        }

        var agg = expected.GetProperty("aggregates");
        foreach (var a in r.Aggregates)
            Approx.Equal(agg.GetProperty(a.Name).GetDouble(), a.Value.Value, what: a.Name);
        Assert.Equal(agg.GetProperty("lowest_group").GetString(), r.FourFifthsRule.LowestGroup);
        Assert.Equal(agg.GetProperty("highest_group").GetString(), r.FourFifthsRule.HighestGroup);
        Assert.Equal(agg.GetProperty("demographic_parity_ratio").GetDouble() >= 0.8, r.FourFifthsRule.Passed);
    }

    [Fact]
    public void DefaultQuantileEdgesMatchPandasQcut()
    {
        var (frame, sample) = Data();
        var groups = SensitiveGroups.FromColumns(frame, ["age"]);
        var binning = Assert.Single(groups.Binnings);
        Assert.Equal("quantile(4)", binning.Rule);
        Assert.Equal(Root.GetProperty("age_edges").Doubles(), binning.Edges);
        var missing = Root.GetProperty("age").Doubles().Count(double.IsNaN);
        Assert.True(missing > 0);
        Assert.Equal(missing, groups.RowsWithoutGroup);
        Assert.Equal(missing, FairnessAssessment.Evaluate(sample, groups, new FairnessOptions { BootstrapReplicates = 0 }).RowsWithoutGroup);
    }
}
