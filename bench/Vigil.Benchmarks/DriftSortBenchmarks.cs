using BenchmarkDotNet.Attributes;
using Vigil.Core.Drift;
using Vigil.Core.Statistics.Sorting;

namespace Vigil.Benchmarks;

/// <summary>
/// The per-column work of <c>vigil drift</c> on 1M values per side (N(0,1) reference, N(0.1,1) current): sorting one
/// side (<see cref="DoubleSort"/> vs <see cref="Array.Sort(Array)"/>, each on a fresh copy, the copy included), and the
/// methods of the W1 benchmark on the sorted pair.
/// </summary>
public class DriftSortBenchmarks
{
    private const int N = 1_000_000;
    private double[] reference = [];
    private double[] current = [];
    private double[] referenceSorted = [];
    private double[] currentSorted = [];
    private double[] scratch = [];

    [GlobalSetup]
    public void Setup()
    {
        reference = SyntheticData.Gaussian(N, 11);
        current = SyntheticData.Gaussian(N, 12);
        for (var i = 0; i < current.Length; i++) current[i] += 0.1;
        scratch = new double[N];
        referenceSorted = (double[])reference.Clone();
        currentSorted = (double[])current.Clone();
        Array.Sort(referenceSorted);
        Array.Sort(currentSorted);
    }

    [Benchmark(Baseline = true)]
    public double ArraySort()
    {
        reference.CopyTo(scratch, 0);
        Array.Sort(scratch);
        return scratch[N / 2];
    }

    [Benchmark]
    public double RadixSort()
    {
        reference.CopyTo(scratch, 0);
        DoubleSort.Ascending(scratch);
        return scratch[N / 2];
    }

    [Benchmark]
    public double KolmogorovSmirnovTest() => new KolmogorovSmirnov().Compute(referenceSorted, currentSorted).Statistic;

    [Benchmark]
    public double WassersteinNormalizedDistance() => new WassersteinNormalized().Compute(referenceSorted, currentSorted).Statistic;

    [Benchmark]
    public double PopulationStability() => new PopulationStabilityIndex().Compute(referenceSorted, currentSorted).Statistic;

    [Benchmark]
    public double JensenShannonDistance() => new JensenShannon().Compute(referenceSorted, currentSorted).Statistic;
}
