using BenchmarkDotNet.Attributes;
using Vigil.Core.Drift.Streaming;

namespace Vigil.Benchmarks;

/// <summary>
/// Nanoseconds per <see cref="IChangeDetector.Update"/> for every detector of <see cref="DetectorCatalog"/>, with default
/// parameters (KSWIN seeded), through the interface as a caller would use it. Binary detectors get a 0/1 error stream
/// (rate 0.1), the others a standard normal stream; both are stationary so detections (and the resets they cause) are rare.
/// </summary>
public class DetectorBenchmarks
{
    private const int Updates = 100_000;
    private double[] stream = [];
    private IChangeDetector detector = null!;

    [ParamsSource(nameof(Names))]
    public string Detector { get; set; } = "";

    public static IEnumerable<string> Names() => DetectorCatalog.Names;

    [GlobalSetup]
    public void Setup()
    {
        stream = DetectorCatalog.IsBinary(Detector) ? SyntheticData.Errors(Updates, 0.1) : SyntheticData.Gaussian(Updates);
        var parameters = Detector == "kswin" ? new Dictionary<string, string> { ["seed"] = "42" } : null;
        detector = DetectorCatalog.Create(Detector, parameters);
        foreach (var x in stream) detector.Update(x); // warm: windows full, estimates settled
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public int Update()
    {
        var d = detector;
        var drifts = 0;
        foreach (var x in stream)
        {
            d.Update(x);
            if (d.DriftDetected) drifts++;
        }
        return drifts;
    }
}
