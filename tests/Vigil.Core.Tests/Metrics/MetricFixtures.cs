using System.Text.Json;
using Vigil.Core.Metrics;
using Vigil.TestSupport;

namespace Vigil.Core.Tests.Metrics;

/// <summary>Loads the samples frozen by tests/fixtures/gen_metrics.py (scikit-learn 1.2 reference values).</summary>
internal static class MetricFixtures
{
    public static JsonDocument Load(string name) => Fixture.Load(Path.Combine("metrics", name));

    public static BinarySample Binary(JsonElement root)
    {
        var labels = Array.ConvertAll(root.GetProperty("labels").Ints(), v => v == 1);
        return new BinarySample(labels, root.GetProperty("scores").Doubles(), threshold: root.GetProperty("threshold").GetDouble());
    }

    public static MulticlassSample Multiclass(JsonElement root) =>
        new(root.GetProperty("classes").Strings(), root.GetProperty("labels").Ints(), root.GetProperty("probabilities").Doubles());

    public static RegressionSample Regression(JsonElement root) =>
        new(root.GetProperty("actual").Doubles(), root.GetProperty("predicted").Doubles());

    public static RankingSample Ranking(JsonElement root) =>
        new(root.GetProperty("group_starts").Ints(), root.GetProperty("relevance").Doubles(), root.GetProperty("scores").Doubles());

    /// <summary>Compares every metric with the fixture's value (null = undefined) at 1e-9 relative.</summary>
    public static void AssertMatches<T>(IEnumerable<IMetric<T>> metrics, T sample, JsonElement expected, double[]? weights, string what)
    {
        var compared = 0;
        foreach (var metric in metrics)
        {
            if (!expected.TryGetProperty(metric.Name, out var e)) continue;
            var value = metric.Compute(sample, weights);
            if (e.ValueKind == JsonValueKind.Null)
                Xunit.Assert.False(value.IsDefined, $"{what} {metric.Name}: expected undefined, got {value.Value}");
            else
            {
                Xunit.Assert.True(value.IsDefined, $"{what} {metric.Name}: undefined ({value.Reason})");
                Approx.Equal(e.GetDouble(), value.Value, 1e-9, 1e-12, $"{what} {metric.Name}");
            }
            compared++;
        }
        Xunit.Assert.True(compared >= 5, $"{what}: only {compared} metrics compared");
    }
}
