using Vigil.Core.Data;
using Vigil.Core.Fairness;
using Vigil.Core.Metrics;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Fairness;

public class FairnessAssessmentTests
{
    private static bool[] Bools(params int[] v)
    {
        var b = new bool[v.Length];
        for (var i = 0; i < v.Length; i++) b[i] = v[i] == 1;
        return b;
    }

    private static SensitiveGroups Groups(string column, params string[] values) =>
        SensitiveGroups.FromColumns(new DataFrame([CategoricalColumn.FromStrings(column, values)]), [column]);

    private static GroupFairness Find(FairnessResult r, string name) => r.Groups.Single(g => g.Group == name);

    // Fairlearn user guide, "Common fairness metrics" (docs/user_guide/assessment/common_fairness_metrics.rst):
    // with these arrays its doctests print demographic_parity_difference 0.25, demographic_parity_ratio 0.66666...,
    // equalized_odds_difference 1.0 and equalized_odds_ratio 0.0.
    private static readonly int[] FairlearnTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    private static readonly int[] FairlearnPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
    private static readonly string[] FairlearnGroups = ["b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"];

    [Fact]
    public void MatchesFairlearnUserGuideExample()
    {
        var sample = new BinarySample(Bools(FairlearnTrue), null, Bools(FairlearnPred));
        var r = FairnessAssessment.Evaluate(sample, Groups("sf", FairlearnGroups),
            new FairnessOptions { MinimumGroupCount = 1, BootstrapReplicates = 0 });
        Approx.Equal(0.25, r.DemographicParityDifference.Value.Value, what: "demographic_parity_difference (Fairlearn doc: 0.25)");
        Approx.Equal(2.0 / 3.0, r.DemographicParityRatio.Value.Value, what: "demographic_parity_ratio (Fairlearn doc: 0.66666...)");
        Approx.Equal(1.0, r.EqualizedOddsDifference.Value.Value, what: "equalized_odds_difference (Fairlearn doc: 1.0)");
        Approx.Equal(0.0, r.EqualizedOddsRatio.Value.Value, what: "equalized_odds_ratio (Fairlearn doc: 0.0)");
    }

    [Fact]
    public void HandComputedRatesOnFairlearnExample()
    {
        // Rows by group (index: true/pred):
        //  a: 2:1/1, 8:1/0, 9:0/1, 11:0/1            → count 4, sel 3/4, TPR 1/2, FPR 2/2 = 1, precision TP/(TP+FP) = 1/3
        //  b: 0:0/0, 1:1/0, 3:1/0, 4:1/1, 12:1/1, 15:1/1 → count 6, sel 3/6, TPR 3/5, FPR 0/1 = 0, precision 3/3
        //  c: 5:0/1, 6:1/1, 7:0/0, 10:0/1, 13:1/0, 14:1/0, 16:1/1, 17:1/0 → count 8, sel 4/8, TPR 2/5, FPR 2/3, precision 2/4
        // equal_opportunity_difference = max TPR − min TPR = 0.6 − 0.4 = 0.2
        // equalized_odds_difference = max(0.6 − 0.4, 1 − 0) = 1; equalized_odds_ratio = min(0.4/0.6, 0/1) = 0
        var sample = new BinarySample(Bools(FairlearnTrue), null, Bools(FairlearnPred));
        var r = FairnessAssessment.Evaluate(sample, Groups("sf", FairlearnGroups),
            new FairnessOptions { MinimumGroupCount = 1, BootstrapReplicates = 0 });
        Assert.Equal(["sf=b", "sf=a", "sf=c"], r.Groups.Select(g => g.Group));
        var a = Find(r, "sf=a");
        Assert.Equal((4, 2, 2, 3, 1, 2), (a.Count, a.Positives, a.Negatives, a.PredictedPositives, a.TruePositives, a.FalsePositives));
        Approx.Equal(0.75, a.SelectionRate.Value);
        Approx.Equal(0.5, a.TruePositiveRate.Value);
        Approx.Equal(1.0, a.FalsePositiveRate.Value);
        Approx.Equal(1.0 / 3, a.Precision.Value);
        var b = Find(r, "sf=b");
        Approx.Equal(0.5, b.SelectionRate.Value);
        Approx.Equal(0.6, b.TruePositiveRate.Value);
        Approx.Equal(0.0, b.FalsePositiveRate.Value);
        Approx.Equal(1.0, b.Precision.Value);
        var c = Find(r, "sf=c");
        Approx.Equal(0.5, c.SelectionRate.Value);
        Approx.Equal(0.4, c.TruePositiveRate.Value);
        Approx.Equal(2.0 / 3, c.FalsePositiveRate.Value);
        Approx.Equal(0.5, c.Precision.Value);
        Approx.Equal(0.2, r.EqualOpportunityDifference.Value.Value, what: "equal_opportunity_difference");
        Assert.False(r.FourFifthsRule.Passed); // 0.5 / 0.75 = 0.667 < 0.8
        Assert.Equal("sf=b", r.FourFifthsRule.LowestGroup); // b and c tie at 0.5: the first in group order is named
        Assert.Equal("sf=a", r.FourFifthsRule.HighestGroup);
        Assert.Empty(r.ExcludedGroups);
    }

    [Fact]
    public void TinyGroupIsFlaggedAndLeftOutOfAggregates()
    {
        // A: 40 rows, 20 positives; predictions positive for rows 0..19 of A → 10 TP (rows 0..9 positive) + 10 FP.
        //    sel 20/40 = 0.5, TPR 10/20 = 0.5, FPR 10/20 = 0.5
        // B: 40 rows, positives rows 0..19; predictions positive for rows 0..7 → 8 TP, 0 FP.
        //    sel 8/40 = 0.2, TPR 8/20 = 0.4, FPR 0/20 = 0
        // C: 5 rows, all predicted positive (sel 1.0) — would dominate the differences, but 5 < 30 → flagged.
        // DPD = 0.5 − 0.2 = 0.3; DPR = 0.2/0.5 = 0.4; EOD = max(0.5−0.4, 0.5−0) = 0.5; EOR = min(0.4/0.5, 0/0.5) = 0;
        // EOppD = 0.1.
        var labels = new List<int>();
        var preds = new List<int>();
        var groups = new List<string>();
        for (var i = 0; i < 40; i++) { labels.Add(i < 10 || (i >= 20 && i < 30) ? 1 : 0); preds.Add(i < 10 || (i >= 30) ? 1 : 0); groups.Add("A"); }
        for (var i = 0; i < 40; i++) { labels.Add(i < 20 ? 1 : 0); preds.Add(i < 8 ? 1 : 0); groups.Add("B"); }
        for (var i = 0; i < 5; i++) { labels.Add(i % 2); preds.Add(1); groups.Add("C"); }
        var r = FairnessAssessment.Evaluate(new BinarySample(Bools([.. labels]), null, Bools([.. preds])), Groups("g", [.. groups]),
            new FairnessOptions { BootstrapReplicates = 0 });
        var c = Find(r, "g=C");
        Assert.True(c.InsufficientData);
        Assert.Contains("fewer than 30 rows (5)", c.Reason);
        Assert.True(double.IsNaN(c.SelectionRate.Value));
        Assert.Equal(5, c.Count);
        Assert.Equal(["g=C"], r.ExcludedGroups);
        Approx.Equal(0.5, Find(r, "g=A").SelectionRate.Value);
        Approx.Equal(0.5, Find(r, "g=A").FalsePositiveRate.Value);
        Approx.Equal(0.3, r.DemographicParityDifference.Value.Value);
        Approx.Equal(0.4, r.DemographicParityRatio.Value.Value);
        Approx.Equal(0.5, r.EqualizedOddsDifference.Value.Value);
        Approx.Equal(0.0, r.EqualizedOddsRatio.Value.Value);
        Approx.Equal(0.1, r.EqualOpportunityDifference.Value.Value);
        Assert.Equal("g=B", r.FourFifthsRule.LowestGroup);
        Assert.Equal("g=A", r.FourFifthsRule.HighestGroup);
    }

    [Fact]
    public void ZeroMaximumRateGivesUndefinedRatioNotACrash()
    {
        // Nobody is predicted positive: every selection rate, TPR and FPR is 0 → differences 0, ratios 0/0.
        var n = 80;
        var labels = new int[n];
        for (var i = 0; i < n; i++) labels[i] = i % 3 == 0 ? 1 : 0;
        var groups = new string[n];
        for (var i = 0; i < n; i++) groups[i] = i < 40 ? "x" : "y";
        var r = FairnessAssessment.Evaluate(new BinarySample(Bools(labels), null, new bool[n]), Groups("g", groups),
            new FairnessOptions { BootstrapReplicates = 50 });
        Approx.Equal(0, r.DemographicParityDifference.Value.Value);
        Assert.True(double.IsNaN(r.DemographicParityRatio.Value.Value));
        Assert.Contains("0/0", r.DemographicParityRatio.Value.Reason);
        Assert.True(double.IsNaN(r.EqualizedOddsRatio.Value.Value));
        Assert.Null(r.FourFifthsRule.Passed);
        Assert.NotNull(r.FourFifthsRule.Reason);
        Assert.True(double.IsNaN(Find(r, "g=x").Precision.Value)); // no predicted positives
        Assert.False(Find(r, "g=x").InsufficientData);
        Assert.True(double.IsNaN(r.DemographicParityRatio.Interval.Low));
    }

    [Fact]
    public void GroupWithoutPositivesIsFlaggedAndOthersStillCompared()
    {
        // x: 40 rows, no positive label → TPR undefined → insufficient; y and z compared.
        var labels = new List<int>();
        var preds = new List<int>();
        var groups = new List<string>();
        foreach (var (g, pos) in new[] { ("x", 0), ("y", 10), ("z", 20) })
            for (var i = 0; i < 40; i++) { labels.Add(i < pos ? 1 : 0); preds.Add(i % 2); groups.Add(g); }
        var r = FairnessAssessment.Evaluate(new BinarySample(Bools([.. labels]), null, Bools([.. preds])), Groups("g", [.. groups]),
            new FairnessOptions { BootstrapReplicates = 0 });
        var x = Find(r, "g=x");
        Assert.True(x.InsufficientData);
        Assert.Contains("no positive labels", x.Reason);
        Assert.False(double.IsNaN(x.SelectionRate.Value));
        Assert.Equal(["g=x"], r.ExcludedGroups);
        Assert.True(r.DemographicParityDifference.Value.IsDefined);
    }

    [Fact]
    public void FewerThanTwoComparableGroupsGivesUndefinedAggregates()
    {
        var n = 50;
        var groups = new string[n];
        for (var i = 0; i < n; i++) groups[i] = i < 45 ? "big" : "small";
        var labels = new int[n];
        for (var i = 0; i < n; i++) labels[i] = i % 2;
        var r = FairnessAssessment.Evaluate(new BinarySample(Bools(labels), null, Bools(labels)), Groups("g", groups));
        foreach (var a in r.Aggregates)
        {
            Assert.False(a.Value.IsDefined);
            Assert.Contains("fewer than two groups", a.Value.Reason);
        }
        Assert.Null(r.FourFifthsRule.Passed);
    }

    [Fact]
    public void MismatchedLengthsAndBadOptionsThrow()
    {
        var sample = new BinarySample(Bools(1, 0, 1), null, Bools(1, 0, 0));
        Assert.Throws<ArgumentException>(() => FairnessAssessment.Evaluate(sample, Groups("g", "a", "b")));
        var ex = Assert.Throws<ArgumentException>(() => FairnessAssessment.Evaluate(sample, Groups("g", "a", "b", "a"),
            new FairnessOptions { MinimumGroupCount = 0, ConfidenceLevel = 1.5 }));
        Assert.Contains("MinimumGroupCount", ex.Message);
        Assert.Contains("ConfidenceLevel", ex.Message);
    }
}
