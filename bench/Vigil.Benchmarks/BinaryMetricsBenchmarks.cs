using BenchmarkDotNet.Attributes;
using Vigil.Core.Metrics;

namespace Vigil.Benchmarks;

/// <summary>
/// The binary metric kernels of <see cref="MetricCatalog.Binary"/> on 1M rows. Each metric is measured on a sample whose
/// score order is already computed (as it is shared by every rank metric inside one evaluation); the sort is measured on
/// its own (BinaryEvaluationBenchmarks.SampleAndSort), and BinaryEvaluationBenchmarks.AllMetricsFromArrays is the whole job from raw arrays:
/// construct the sample (threshold predictions), sort, all 12 metrics and the confusion matrix.
/// </summary>
[MemoryDiagnoser]
public class BinaryMetricsBenchmarks
{
    private const int Rows = 1_000_000;
    private bool[] labels = [];
    private double[] scores = [];
    private BinarySample sorted = null!;
    private IMetric<BinarySample> metric = null!;

    /// <summary>The metric id (accuracy … brier) or "confusion_matrix".</summary>
    [ParamsSource(nameof(MetricNames))]
    public string Metric { get; set; } = "";

    public static IEnumerable<string> MetricNames()
    {
        foreach (var m in MetricCatalog.Binary) yield return m.Name;
        yield return "confusion_matrix";
    }

    [GlobalSetup]
    public void Setup()
    {
        (labels, scores) = SyntheticData.Binary(Rows);
        sorted = new BinarySample(labels, scores);
        _ = sorted.OrderByScoreDescending;
        metric = MetricCatalog.FindBinary(Metric)!;
    }

    [Benchmark]
    public double Kernel() => Metric == "confusion_matrix"
        ? ConfusionMatrix.FromBinary(sorted, default).Counts[0]
        : metric.Compute(sorted, default).Value;
}

/// <summary>Sample construction, the score sort, and the whole metric set from raw arrays (1M rows).</summary>
[MemoryDiagnoser]
public class BinaryEvaluationBenchmarks
{
    private const int Rows = 1_000_000;
    private bool[] labels = [];
    private double[] scores = [];

    [GlobalSetup]
    public void Setup() => (labels, scores) = SyntheticData.Binary(Rows);

    /// <summary>new BinarySample (predictions at 0.5, [0,1] check) + OrderByScoreDescending.</summary>
    [Benchmark]
    public int SampleAndSort() => new BinarySample(labels, scores).OrderByScoreDescending[0];

    /// <summary>new BinarySample + sort + all 12 binary metrics + confusion matrix.</summary>
    [Benchmark]
    public double AllMetricsFromArrays()
    {
        var sample = new BinarySample(labels, scores);
        var sum = 0.0;
        foreach (var m in MetricCatalog.Binary) sum += m.Compute(sample, default).Value;
        sum += ConfusionMatrix.FromBinary(sample, default).Counts[3];
        return sum;
    }
}
