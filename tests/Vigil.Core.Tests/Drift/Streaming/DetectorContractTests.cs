using Vigil.Core.Drift.Streaming;
using Xunit;

namespace Vigil.Core.Tests.Drift.Streaming;

/// <summary>The common contract, checked on every detector in the catalog.</summary>
public sealed class DetectorContractTests
{
    public static TheoryData<string> AllDetectors()
    {
        var data = new TheoryData<string>();
        foreach (var n in DetectorCatalog.Names) data.Add(n);
        return data;
    }

    private static Dictionary<string, string> TestParameters(string name) =>
        name == "kswin" ? new() { ["seed"] = "42" } : new();

    /// <summary>A stream with several changes: 0/1 errors for binary detectors, Gaussian level shifts otherwise.</summary>
    internal static double[] Stream(string name, int seed = 11, int segments = 6, int length = 1500)
    {
        var rng = new Random(seed);
        var binary = DetectorCatalog.IsBinary(name);
        var x = new double[segments * length];
        for (var s = 0; s < segments; s++)
        {
            for (var i = 0; i < length; i++)
            {
                double v;
                if (binary) v = rng.NextDouble() < (s % 2 == 0 ? 0.15 : 0.6) ? 1 : 0;
                else
                {
                    var u1 = 1.0 - rng.NextDouble();
                    var u2 = rng.NextDouble();
                    v = (s % 3) * 2.0 + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                }
                x[s * length + i] = v;
            }
        }
        return x;
    }

    [Theory]
    [MemberData(nameof(AllDetectors))]
    public void DetectsTheChangesOfTheTestStream(string name)
    {
        var run = DetectionRun.Run(DetectorCatalog.Create(name, TestParameters(name)), Stream(name));
        Assert.NotEmpty(run.Drifts);
    }

    [Theory]
    [MemberData(nameof(AllDetectors))]
    public void SnapshotRestoreContinueGivesTheUninterruptedDetections(string name)
    {
        var stream = Stream(name);
        var reference = DetectionRun.Run(DetectorCatalog.Create(name, TestParameters(name)), stream);
        Assert.NotEmpty(reference.Drifts);
        // Cut right after a drift (reset pending), mid-segment and early.
        var cuts = new[] { reference.Drifts[0] + 1, 17, stream.Length / 2 + 3, reference.Drifts[^1] + 1 };
        foreach (var cut in cuts)
        {
            var first = DetectorCatalog.Create(name, TestParameters(name));
            var drifts = new List<int>();
            var warnings = new List<int>();
            for (var i = 0; i < cut; i++)
            {
                first.Update(stream[i]);
                if (first.DriftDetected) drifts.Add(i);
                if (first.WarningDetected) warnings.Add(i);
            }
            var json = first.Snapshot().ToJson();
            var second = DetectorCatalog.FromState(DetectorState.FromJson(json));
            Assert.Equal(first.DriftDetected, second.DriftDetected);
            Assert.Equal(first.WarningDetected, second.WarningDetected);
            for (var i = cut; i < stream.Length; i++)
            {
                second.Update(stream[i]);
                if (second.DriftDetected) drifts.Add(i);
                if (second.WarningDetected) warnings.Add(i);
            }
            Assert.Equal(reference.Drifts, drifts);
            Assert.Equal(reference.Warnings, warnings);
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 25)]
    public bool SnapshotAtAnyPointContinuesIdentically(int cutSeed, bool adwin)
    {
        var name = adwin ? "adwin" : "kswin";
        var stream = Stream(name, seed: 3, segments: 3, length: 700);
        var cut = (int)((uint)cutSeed % (uint)stream.Length);
        var reference = DetectionRun.Run(DetectorCatalog.Create(name, TestParameters(name)), stream);
        var d = DetectorCatalog.Create(name, TestParameters(name));
        var drifts = new List<int>();
        for (var i = 0; i < stream.Length; i++)
        {
            if (i == cut) d = DetectorCatalog.FromState(DetectorState.FromJson(d.Snapshot().ToJson()));
            d.Update(stream[i]);
            if (d.DriftDetected) drifts.Add(i);
        }
        return drifts.SequenceEqual(reference.Drifts);
    }

    [Theory]
    [MemberData(nameof(AllDetectors))]
    public void ResetsOnTheUpdateAfterADetection(string name)
    {
        var stream = Stream(name);
        var d = DetectorCatalog.Create(name, TestParameters(name));
        var i = 0;
        for (; i < stream.Length; i++)
        {
            d.Update(stream[i]);
            if (d.DriftDetected) break;
        }
        Assert.True(i < stream.Length - 1, "no drift detected");
        Assert.True(d.DriftDetected); // readable until the next update
        d.Update(stream[i + 1]);
        var fresh = DetectorCatalog.Create(name, TestParameters(name));
        fresh.Update(stream[i + 1]);
        var a = d.Snapshot().Values;
        var b = fresh.Snapshot().Values;
        Assert.Equal(b.Keys.OrderBy(k => k), a.Keys.OrderBy(k => k));
        foreach (var key in a.Keys) Assert.Equal(b[key], a[key]);
    }

    [Theory]
    [MemberData(nameof(AllDetectors))]
    public void UpdatesDoNotAllocate(string name)
    {
        var stream = Stream(name);
        var d = DetectorCatalog.Create(name, TestParameters(name));
        foreach (var v in stream) d.Update(v); // first pass: one-time buffers
        var before = GC.GetAllocatedBytesForCurrentThread();
        var drifts = 0;
        foreach (var v in stream)
        {
            d.Update(v);
            if (d.DriftDetected) drifts++;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(drifts > 0);
        // Per-update allocation would cost at least 24 bytes (one object) × every update. The runtime itself may
        // allocate a few KB once on this thread while the pass runs (tiered re-JIT of the loop), so the bound is one
        // byte per update on average, not zero: still far below the smallest per-update allocation.
        Assert.True(allocated < stream.Length, $"{allocated} bytes allocated over {stream.Length} updates");
    }

    [Theory]
    [MemberData(nameof(AllDetectors))]
    public void RejectsNonFiniteValues(string name)
    {
        var d = DetectorCatalog.Create(name, TestParameters(name));
        var e = Assert.Throws<ArgumentException>(() => d.Update(double.NaN));
        Assert.Contains(name, e.Message);
        Assert.Throws<ArgumentException>(() => d.Update(double.PositiveInfinity));
    }

    [Theory]
    [MemberData(nameof(AllDetectors))]
    public void BinaryDetectorsAcceptOnlyZeroAndOne(string name)
    {
        var d = DetectorCatalog.Create(name, TestParameters(name));
        if (DetectorCatalog.IsBinary(name))
        {
            var e = Assert.Throws<ArgumentException>(() => d.Update(2));
            Assert.Contains("0 (correct) or 1 (error)", e.Message);
            Assert.Throws<ArgumentException>(() => d.Update(0.5));
            d.Update(0);
            d.Update(1);
        }
        else
        {
            d.Update(2.5);
            d.Update(-7);
        }
    }

    [Theory]
    [MemberData(nameof(AllDetectors))]
    public void RestoreRejectsAnotherDetectorsState(string name)
    {
        var d = DetectorCatalog.Create(name, TestParameters(name));
        var other = name == "adwin" ? new Ddm() : (IChangeDetector)new Adwin();
        Assert.Throws<ArgumentException>(() => d.Restore(other.Snapshot()));
    }
}
