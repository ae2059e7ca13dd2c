using Vigil.Core.Data;
using Vigil.Core.Drift;
using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Binary;
using Xunit;

namespace Vigil.Demo.Tests;

/// <summary>
/// The demo's story holds in its data: no drift before day 30, strong drift in income and debt ratio after the ramp,
/// none in the untouched features, and the champion's realised ROC AUC falls under the drift. (KS and ROC AUC are the
/// scipy / scikit-learn-checked implementations of Vigil.Core.)
/// </summary>
public class DemoScenarioTests
{
    private static readonly DemoScenario Scenario = new();
    private static readonly Lazy<DemoModels> Models = new(() => DemoModels.Train(Scenario));

    [Theory]
    [InlineData("income", 10, false)]
    [InlineData("debt_ratio", 10, false)]
    [InlineData("income", 40, true)]
    [InlineData("debt_ratio", 40, true)]
    [InlineData("age", 40, false)]
    [InlineData("late_payments", 40, false)]
    public void Drift_appears_only_in_the_two_features_after_day_30(string feature, int day, bool drifts)
    {
        var reference = Sorted(Scenario.Reference(), feature);
        var current = Sorted(Scenario.Day(day), feature);
        var p = new KolmogorovSmirnov().Compute(reference, current).PValue!.Value;
        if (drifts) Assert.True(p < 1e-10, $"{feature} day {day}: p = {p}");
        else Assert.True(p > 0.001, $"{feature} day {day}: p = {p}");
    }

    [Fact]
    public void Champion_roc_auc_falls_after_the_drift()
    {
        var before = Auc(Enumerable.Range(0, 10));
        var after = Auc(Enumerable.Range(40, 10));
        Assert.InRange(before, 0.72, 0.9);
        Assert.True(before - after >= 0.05, $"AUC before {before:F3}, after {after:F3}");
    }

    private static double Auc(IEnumerable<int> days)
    {
        var labels = new List<bool>();
        var scores = new List<double>();
        foreach (var day in days)
        {
            var frame = Scenario.Day(day);
            scores.AddRange(Models.Value.Champion.Score(frame));
            var label = (NumericColumn)frame[DemoScenario.Label];
            labels.AddRange(label.Values.Select(v => v == 1));
        }
        return new RocAuc().Compute(new BinarySample([.. labels], [.. scores]), default).Value;
    }

    private static double[] Sorted(DataFrame frame, string column)
    {
        var values = ((NumericColumn)frame[column]).Values.ToArray();
        Array.Sort(values);
        return values;
    }
}
