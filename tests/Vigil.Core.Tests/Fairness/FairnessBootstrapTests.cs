using FsCheck;
using FsCheck.Fluent;
using Vigil.Core.Data;
using Vigil.Core.Fairness;
using Vigil.Core.Metrics;
using Vigil.Core.Statistics;
using Xunit;

namespace Vigil.Core.Tests.Fairness;

public class FairnessBootstrapTests
{
    private static (BinarySample Sample, SensitiveGroups Groups) Synthetic(int n, long seed)
    {
        var rng = new SeededRandom(seed, 0);
        var labels = new bool[n];
        var preds = new bool[n];
        var group = new string[n];
        for (var i = 0; i < n; i++)
        {
            var g = rng.NextInt(3);
            group[i] = "g" + g;
            labels[i] = rng.NextDouble() < 0.3 + 0.1 * g;
            preds[i] = rng.NextDouble() < (labels[i] ? 0.6 : 0.2) + 0.1 * g;
        }
        return (new BinarySample(labels, null, preds),
            SensitiveGroups.FromColumns(new DataFrame([CategoricalColumn.FromStrings("g", group)]), ["g"]));
    }

    [Fact]
    public void IntervalsContainTheEstimateAndAreReproducibleWithTheSeed()
    {
        var (sample, groups) = Synthetic(3000, 7);
        var options = new FairnessOptions { BootstrapReplicates = 400, Seed = 11 };
        var first = FairnessAssessment.Evaluate(sample, groups, options);
        var again = FairnessAssessment.Evaluate(sample, groups, options);
        var other = FairnessAssessment.Evaluate(sample, groups, options with { Seed = 12 });
        foreach (var a in first.Aggregates)
        {
            Assert.True(a.Value.IsDefined, a.Name);
            Assert.True(a.Interval.Low <= a.Value.Value && a.Value.Value <= a.Interval.High,
                $"{a.Name}: {a.Value.Value} outside [{a.Interval.Low}, {a.Interval.High}]");
            Assert.True(a.Interval.High > a.Interval.Low, a.Name);
            Assert.Equal("percentile", a.Interval.Method);
            Assert.Equal(0.95, a.Interval.Level);
        }
        Assert.Equal(first.Aggregates.Select(a => (a.Interval.Low, a.Interval.High)), again.Aggregates.Select(a => (a.Interval.Low, a.Interval.High)));
        Assert.NotEqual(first.Aggregates.Select(a => a.Interval.Low), other.Aggregates.Select(a => a.Interval.Low));
    }

    [Fact]
    public void ZeroReplicatesGiveUnavailableIntervalsWithReason()
    {
        var (sample, groups) = Synthetic(500, 3);
        var r = FairnessAssessment.Evaluate(sample, groups, new FairnessOptions { BootstrapReplicates = 0 });
        Assert.All(r.Aggregates, a =>
        {
            Assert.True(double.IsNaN(a.Interval.Low));
            Assert.Contains("bootstrap disabled", a.Interval.Reason);
        });
    }

    // Properties from the definitions: differences lie in [0, 1], ratios in [0, 1], equalized odds difference is at
    // least the equal opportunity difference, and the result does not depend on row order.
    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property AggregatesAreBoundedAndOrderFree(int seed)
    {
        var (sample, groups) = Synthetic(300, seed);
        var options = new FairnessOptions { BootstrapReplicates = 0, MinimumGroupCount = 5 };
        var r = FairnessAssessment.Evaluate(sample, groups, options);
        var n = sample.Count;
        var reversedLabels = new bool[n];
        var reversedPreds = new bool[n];
        var reversedGroups = new int[n];
        for (var i = 0; i < n; i++)
        {
            reversedLabels[i] = sample.Labels[n - 1 - i];
            reversedPreds[i] = sample.Predictions[n - 1 - i];
            reversedGroups[i] = groups.GroupOf[n - 1 - i];
        }
        var reversed = FairnessAssessment.Evaluate(new BinarySample(reversedLabels, null, reversedPreds),
            new SensitiveGroups(groups.SensitiveColumns, reversedGroups, groups.GroupNames), options);
        var ok = true;
        foreach (var a in r.Aggregates)
            ok &= !a.Value.IsDefined || a.Value.Value is >= 0 and <= 1;
        ok &= !r.EqualizedOddsDifference.Value.IsDefined || r.EqualizedOddsDifference.Value.Value >= r.EqualOpportunityDifference.Value.Value;
        for (var a = 0; a < 5; a++)
            ok &= r.Aggregates[a].Value.Value.Equals(reversed.Aggregates[a].Value.Value);
        return ok.ToProperty();
    }
}
