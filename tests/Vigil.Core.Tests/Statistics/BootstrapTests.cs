using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vigil.Core.Metrics;
using Vigil.Core.Metrics.Binary;
using Vigil.Core.Statistics;
using Xunit;

namespace Vigil.Core.Tests.Statistics;

public class BootstrapTests
{
    [Theory]
    // numpy.percentile(values, q) with the default linear interpolation
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.25, 1.75)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 10.0, 20, 30 }, 0.975, 29.5)]
    [InlineData(new[] { 5.0 }, 0.1, 5.0)]
    public void QuantileMatchesNumpyLinear(double[] sorted, double p, double expected) =>
        Assert.Equal(expected, Bootstrap.Quantile(sorted, p), 12);

    [Fact]
    public void AccelerationMatchesEfronsFormula()
    {
        // jackknife values 1,2,4: mean 7/3, deviations 4/3, 1/3, -5/3 → Σd³ = (64 + 1 - 125)/27 = -60/27,
        // Σd² = (16 + 1 + 25)/9 = 42/9; a = Σd³ / (6 (Σd²)^1.5)
        var expected = (-60.0 / 27) / (6 * Math.Pow(42.0 / 9, 1.5));
        Assert.Equal(expected, Bootstrap.Acceleration([1, 2, 4]), 12);
    }

    private static BinarySample RandomSample(int seed, int n)
    {
        var rng = new Random(seed);
        var y = new bool[n];
        var s = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.4;
            s[i] = Math.Clamp((y[i] ? 0.6 : 0.4) + 0.25 * (rng.NextDouble() - 0.5) * 2, 0, 1);
        }
        return new BinarySample(y, s);
    }

    [Property(MaxTest = 25)]
    public Property PercentileAndBcaIntervalsContainTheEstimate(PositiveInt seed)
    {
        var sample = RandomSample(seed.Get, 200);
        IMetric<BinarySample>[] metrics = [new Accuracy(), new RocAuc(), new Brier(), new F1()];
        var reps = Bootstrap.Replicate(sample, sample.Count, metrics, 300, seed.Get);
        var jack = Bootstrap.Jackknife(sample, sample.Count, metrics, seed.Get);
        var ok = true;
        for (var m = 0; m < metrics.Length; m++)
        {
            var est = metrics[m].Compute(sample, default).Value;
            foreach (var method in new[] { BootstrapMethod.Percentile, BootstrapMethod.Bca })
            {
                var ci = Bootstrap.Interval(est, reps[m], 0.95, method, jack[m]);
                ok &= ci.Low <= est && est <= ci.High && ci.Low < ci.High;
            }
        }
        return ok.ToProperty();
    }

    [Fact]
    public void ReplicatesDependOnlyOnSeedAndIndex()
    {
        var sample = RandomSample(3, 500);
        IMetric<BinarySample>[] metrics = [new RocAuc()];
        var a = Bootstrap.Replicate(sample, sample.Count, metrics, 64, 11);
        var b = Bootstrap.Replicate(sample, sample.Count, metrics, 32, 11);
        Assert.Equal(a[0][..32], b[0]);
        var c = Bootstrap.Replicate(sample, sample.Count, metrics, 32, 12);
        Assert.NotEqual(b[0], c[0]);
    }

    [Fact]
    public void PercentileIntervalOfAccuracyIsNearTheBinomialNormalInterval()
    {
        // Wald interval p ± 1.96 √(p(1−p)/n) as an independent yardstick for a large sample
        var sample = RandomSample(5, 4000);
        var acc = new Accuracy();
        var p = acc.Compute(sample, default).Value;
        var reps = Bootstrap.Replicate(sample, sample.Count, [acc], 2000, 1);
        var ci = Bootstrap.Interval(p, reps[0], 0.95, BootstrapMethod.Percentile);
        var half = 1.959963984540054 * Math.Sqrt(p * (1 - p) / sample.Count);
        Assert.InRange(ci.Low, p - half * 1.15, p - half * 0.85);
        Assert.InRange(ci.High, p + half * 0.85, p + half * 1.15);
    }

    [Fact]
    public void UndefinedEstimateGivesUnavailableInterval()
    {
        var ci = Bootstrap.Interval(double.NaN, [0.5, 0.6], 0.95, BootstrapMethod.Percentile);
        Assert.True(double.IsNaN(ci.Low));
        Assert.NotNull(ci.Reason);
    }
}
