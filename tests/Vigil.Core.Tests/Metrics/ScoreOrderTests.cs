using Vigil.Core.Metrics;
using Xunit;

namespace Vigil.Core.Tests.Metrics;

public class ScoreOrderTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(20_000)]
    public void EqualsStableDescendingSortIncludingTiesNegativesAndZeros(int n)
    {
        var rng = new Random(n);
        var values = new double[n];
        for (var i = 0; i < n; i++)
            values[i] = (i % 7) switch { 0 => 0.0, 1 => -0.0, 2 => Math.Round(rng.NextDouble(), 2), 3 => -rng.NextDouble() * 1e6, 4 => double.MaxValue, _ => rng.NextDouble() * 100 - 50 };
        var expected = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ToArray(); // LINQ OrderBy is stable
        Assert.Equal(expected, ScoreOrder.Descending(values));
    }
}
