using BenchmarkDotNet.Attributes;
using Vigil.Core.Sketches;

namespace Vigil.Benchmarks;

/// <summary>
/// Nanoseconds per sketch update (OperationsPerInvoke = 1,000,000): KLL (k = 200) and HyperLogLog (p = 12) on a
/// standard normal stream of doubles, Space-Saving (64 counters) on Zipf-like category strings from a pool of 5,000.
/// Each invocation feeds a fresh sketch so compactions and evictions are part of the figure.
/// </summary>
[MemoryDiagnoser]
public class SketchBenchmarks
{
    private const int Values = 1_000_000;
    private double[] numbers = [];
    private string[] items = [];

    [GlobalSetup]
    public void Setup()
    {
        numbers = SyntheticData.Gaussian(Values, seed: 11);
        var pool = new string[5_000];
        for (var i = 0; i < pool.Length; i++) pool[i] = "item_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rng = new Random(13);
        items = new string[Values];
        // Zipf-like: index ⌊5000^u⌋ − 1 with u uniform, so small indices are frequent
        for (var i = 0; i < Values; i++) items[i] = pool[(int)Math.Pow(pool.Length, rng.NextDouble()) - 1];
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public long KllUpdate()
    {
        var s = new KllSketch();
        foreach (var x in numbers) s.Update(x);
        return s.RetainedCount;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int HllUpdate()
    {
        var s = new HyperLogLog();
        foreach (var x in numbers) s.Update(x);
        return s.RegisterCount;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public long SpaceSavingUpdate()
    {
        var s = new SpaceSaving();
        foreach (var x in items) s.Update(x);
        return s.TotalCount;
    }
}
