using Vigil.Core.Drift.Streaming;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Drift.Streaming;

public sealed class KswinTests
{
    [Fact]
    public void PythonRandomSamplerMatchesCPythonRandomSample()
    {
        using var doc = Fixture.Load("streaming/python_random_sample.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var sampler = new PythonRandomSampler(c.GetProperty("seed").GetInt64());
            var population = c.GetProperty("population").GetInt32();
            var k = c.GetProperty("k").GetInt32();
            foreach (var expected in c.GetProperty("draws").EnumerateArray())
            {
                var got = new int[k];
                sampler.Sample(population, got);
                Assert.Equal(expected.Ints(), got);
            }
        }
    }

    [Fact]
    public void PValueTableMatchesScipyKs2Samp()
    {
        using var doc = Fixture.Load("streaming/scipy_ks_2samp_equal_sizes.json");
        foreach (var t in doc.RootElement.GetProperty("tables").EnumerateArray())
        {
            var expected = t.GetProperty("p_values_by_h").Doubles();
            var table = KolmogorovSmirnovEqualSizes.PValueTable(t.GetProperty("n").GetInt32());
            Assert.Equal(expected.Length, table.Length);
            for (var h = 0; h < table.Length; h++) Approx.Equal(expected[h], table[h], 1e-9, 1e-15, $"h={h}");
        }
    }

    [Fact]
    public void StatisticAndPValueMatchScipyOnSamplesWithTies()
    {
        using var doc = Fixture.Load("streaming/scipy_ks_2samp_equal_sizes.json");
        var table = KolmogorovSmirnovEqualSizes.PValueTable(30);
        foreach (var pair in doc.RootElement.GetProperty("pairs").EnumerateArray())
        {
            var a = pair.GetProperty("a").Doubles();
            var b = pair.GetProperty("b").Doubles();
            Array.Sort(a);
            Array.Sort(b);
            var h = KolmogorovSmirnovEqualSizes.MaxCountDifference(a, b);
            Approx.Equal(pair.GetProperty("statistic").GetDouble(), h / 30.0, 1e-12, 1e-12, "statistic");
            Approx.Equal(pair.GetProperty("p_value").GetDouble(), table[h], 1e-9, 1e-15, "p-value");
        }
    }

    /// <summary>Replays fixed indices; proves the sampler hook decides which older values are compared.</summary>
    private sealed class FixedSampler(int[] indices) : IKswinSampler
    {
        public int Calls;

        public void Sample(int populationSize, Span<int> destination)
        {
            Calls++;
            indices.AsSpan(0, destination.Length).CopyTo(destination);
        }

        public void Reset() => Calls = 0;

        public double[] SaveState() => [Calls];

        public void LoadState(ReadOnlySpan<double> state) => Calls = (int)state[0];
    }

    [Fact]
    public void SuppliedIndicesAreUsed()
    {
        // Window 20, stat 5: older positions 0..14. Values 0..14 then five 100s. Comparing indices 0..4 (values 0..4)
        // with the recent 100s gives D = 1; comparing recent with recent-like values would not.
        var sampler = new FixedSampler([0, 1, 2, 3, 4]);
        var k = new Kswin(sampler, alpha: 0.05, windowSize: 20, statSize: 5);
        for (var i = 0; i < 15; i++) k.Update(i);
        for (var i = 0; i < 4; i++) k.Update(100);
        Assert.Equal(0, sampler.Calls);
        k.Update(100);
        Assert.Equal(1, sampler.Calls);
        Assert.Equal(1.0, k.Statistic);
        Assert.True(k.DriftDetected);
    }

    [Fact]
    public void RejectsWindowTooSmallForTheSample()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Kswin(windowSize: 50, statSize: 30));
    }
}
