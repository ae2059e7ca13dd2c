using System.Text;
using System.Text.Json;
using Vigil.Core.Sketches;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Sketches;

public class RunningMomentsTests
{
    [Fact]
    public void MatchesNumpyAndMergeMatchesOnePass()
    {
        using var doc = Fixture.Load("sketches/moments.json");
        var root = doc.RootElement;
        var x = root.GetProperty("values").Doubles();
        var split = root.GetProperty("split").GetInt32();
        var all = new RunningMoments();
        foreach (var v in x) all.Update(v);
        RunningMoments a = new(), b = new();
        for (var i = 0; i < x.Length; i++) (i < split ? a : b).Update(x[i]);
        a.Update(double.NaN);
        a.Merge(b);
        // the span (two-pass) update, whole and in two parts with a NaN, must agree with numpy too
        var batch = new RunningMoments();
        batch.Update(x);
        var parts = new RunningMoments();
        parts.Update(x.AsSpan(0, split));
        parts.Update([double.NaN]);
        parts.Update(x.AsSpan(split));
        Assert.Equal(1, parts.Nulls);
        foreach (var m in new[] { all, a, batch, parts })
        {
            Assert.Equal(root.GetProperty("count").GetInt64(), m.Count);
            Approx.Equal(root.GetProperty("mean").GetDouble(), m.Mean, 1e-12, what: "numpy mean");
            Approx.Equal(root.GetProperty("var0").GetDouble(), m.Variance, 1e-9, what: "numpy var ddof=0");
            Approx.Equal(root.GetProperty("var1").GetDouble(), m.SampleVariance, 1e-9, what: "numpy var ddof=1");
            Assert.Equal(root.GetProperty("min").GetDouble(), m.Min);
            Assert.Equal(root.GetProperty("max").GetDouble(), m.Max);
        }
        Assert.Equal(1, a.Nulls);
    }

    [Fact]
    public void EmptyIsNaNAndRoundTrips()
    {
        var m = new RunningMoments();
        Assert.True(double.IsNaN(m.Mean) && double.IsNaN(m.Variance) && double.IsNaN(m.Min));
        m.Update(3); m.Update(5); m.UpdateMissing(2);
        var back = RunningMoments.ReadJson(JsonDocument.Parse(SketchIo.Json(m.WriteJson)).RootElement);
        Assert.Equal((m.Count, m.Nulls, m.Mean, m.Variance, m.Min, m.Max), (back.Count, back.Nulls, back.Mean, back.Variance, back.Min, back.Max));
        var bin = RunningMoments.ReadBinary(SketchIo.Reader(m.WriteBinary));
        Assert.Equal(m.Variance, bin.Variance);
    }
}

internal static class SketchIo
{
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) write(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static BinaryReader Reader(Action<BinaryWriter> write)
    {
        var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true)) write(w);
        ms.Position = 0;
        return new BinaryReader(ms);
    }
}

public class KllSketchTests
{
    private static double MaxRankError(KllSketch s, double[] sorted)
    {
        double worst = 0;
        for (var q = 0.001; q < 1; q += 0.001)
        {
            var x = sorted[(int)(q * sorted.Length)];
            // exact inclusive rank of x in the data (the definition; independent of the sketch)
            int lo = 0, hi = sorted.Length;
            while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
            worst = Math.Max(worst, Math.Abs(s.Rank(x) - (double)lo / sorted.Length));
        }
        return worst;
    }

    [Theory]
    [InlineData(200, 1)]
    [InlineData(200, 2)]
    [InlineData(50, 3)]
    [InlineData(Vigil.Core.Profiles.ProfileSettings.DefaultQuantileK, 4)] // the profiles' default k
    public void RankErrorWithinDocumentedBoundOnAMillionValues(int k, int seed)
    {
        var rng = new Random(seed);
        var x = new double[1_000_000];
        for (var i = 0; i < x.Length; i++) x[i] = Math.Exp(rng.NextDouble() * 10) * (rng.Next(2) * 2 - 1);
        var s = new KllSketch(k, (ulong)seed);
        foreach (var v in x) s.Update(v);
        Array.Sort(x);
        var eps = KllSketch.NormalizedRankError(k, pmf: false);
        Assert.Equal(eps, s.NormalizedRankError(), 12);
        var err = MaxRankError(s, x);
        Assert.True(err <= eps, $"max rank error {err:P3} > ε {eps:P3} (k={k})");
        Assert.True(s.RetainedCount < 3 * k + 8 * 20, $"retained {s.RetainedCount}");
        Assert.Equal(x[0], s.Min); Assert.Equal(x[^1], s.Max);
        Assert.Equal(x.Length, s.Count);
    }

    [Fact]
    public void DataSketchesPublishedErrorForDefaultK()
    {
        // Apache DataSketches KllSketch docs: k = 200 gives ≈1.33% single-sided and ≈1.65% double-sided (PMF) error at 99%.
        Assert.Equal(0.0133, KllSketch.NormalizedRankError(200, false), 4);
        Assert.Equal(0.0165, KllSketch.NormalizedRankError(200, true), 4);
    }

    [Fact]
    public void MergedSketchesStayWithinBound()
    {
        var rng = new Random(7);
        var x = new double[400_000];
        var parts = new KllSketch[8];
        for (var p = 0; p < parts.Length; p++) parts[p] = new KllSketch(seed: (ulong)p + 1);
        for (var i = 0; i < x.Length; i++) { x[i] = rng.NextDouble() + (i % 8) * 0.25; parts[i % 8].Update(x[i]); }
        var merged = parts[0].Clone();
        for (var p = 1; p < parts.Length; p++) merged.Merge(parts[p]);
        Array.Sort(x);
        Assert.Equal(x.Length, merged.Count);
        Assert.True(MaxRankError(merged, x) <= merged.NormalizedRankError());
    }

    [Fact]
    public void ExactWhileSmallAndQuantilesAreDataValues()
    {
        var s = new KllSketch();
        for (var i = 1; i <= 100; i++) s.Update(i);
        s.Update(double.NaN);
        Assert.True(s.IsExact);
        Assert.Equal(0, s.NormalizedRankError());
        Assert.Equal(50, s.Quantile(0.5));
        Assert.Equal(0.5, s.Rank(50.5));
        Assert.Equal(1, s.Quantile(0)); Assert.Equal(100, s.Quantile(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Quantile(1.5));
        Assert.Throws<ArgumentException>(() => s.Merge(new KllSketch(100)));
    }

    [Fact]
    public void SerializationRoundTripsAndRejectsOtherVersions()
    {
        var s = new KllSketch();
        var rng = new Random(3);
        for (var i = 0; i < 50_000; i++) s.Update(rng.NextDouble());
        var json = SketchIo.Json(s.WriteJson);
        var back = KllSketch.ReadJson(JsonDocument.Parse(json).RootElement);
        var bin = KllSketch.ReadBinary(SketchIo.Reader(s.WriteBinary));
        foreach (var q in new[] { 0.1, 0.5, 0.9 }) { Assert.Equal(s.Quantile(q), back.Quantile(q)); Assert.Equal(s.Quantile(q), bin.Quantile(q)); }
        // continuing after a round trip behaves the same (the coin state travels with the sketch)
        s.Update(2); back.Update(2);
        Assert.Equal(s.Quantile(0.3), back.Quantile(0.3));
        var bad = json.Replace("\"version\":1", "\"version\":9");
        var e = Assert.Throws<InvalidDataException>(() => KllSketch.ReadJson(JsonDocument.Parse(bad).RootElement));
        Assert.Contains("version 9", e.Message);
    }

    [Fact]
    public void HistogramsSumToCountAndEqualMassBinsHoldEqualShares()
    {
        var rng = new Random(11);
        var s = new KllSketch();
        var x = new double[200_000];
        for (var i = 0; i < x.Length; i++) { x[i] = rng.NextDouble() * 100; s.Update(x[i]); }
        var mass = SketchHistogram.EqualMass(s, 10);
        var width = SketchHistogram.EqualWidth(s, 4);
        Assert.Equal(x.Length, mass.Counts.Sum(), 6);
        Assert.Equal(x.Length, width.Counts.Sum(), 6);
        for (var b = 0; b < width.Counts.Count; b++)
        {
            var exact = x.Count(v => b == 0 ? v <= width.Edges[1] : v > width.Edges[b] && v <= width.Edges[b + 1]);
            Assert.True(Math.Abs(width.Counts[b] - exact) <= width.CountError, $"bin {b}: {width.Counts[b]} vs {exact} (±{width.CountError})");
        }
        foreach (var c in mass.Counts) Assert.True(Math.Abs(c - x.Length / 10.0) <= mass.CountError);
    }

    [Fact]
    public void UpdateIsFastAndAllocationFree()
    {
        var s = new KllSketch();
        var rng = new Random(5);
        var x = new double[2_000_000];
        for (var i = 0; i < x.Length; i++) x[i] = rng.NextDouble();
        for (var i = 0; i < 200_000; i++) s.Update(x[i]);
        var sw = new System.Diagnostics.Stopwatch();
        var before = GC.GetAllocatedBytesForCurrentThread();
        sw.Start();
        for (var i = 200_000; i < x.Length; i++) s.Update(x[i]);
        sw.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var ns = sw.Elapsed.TotalNanoseconds / 1_800_000;
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes over 1.8M updates");
        Assert.True(ns < 3000, $"{ns:0.0} ns per update (target 50 ns in Release, not yet met; regression guard only)");
        Console.WriteLine($"KLL update: {ns:0.0} ns");
    }
}

public class HyperLogLogTests
{
    [Fact]
    public void RelativeErrorOnAMillionDistinctValuesWithinThreeStandardErrors()
    {
        var h = new HyperLogLog();
        for (var i = 0; i < 1_000_000; i++) h.Update(i * 0.5 + 0.25);
        var rel = Math.Abs(h.Estimate() / 1_000_000 - 1);
        Assert.True(rel <= 3 * h.RelativeStandardError, $"relative error {rel:P2} > 3 × {h.RelativeStandardError:P2}");
    }

    [Fact]
    public void RootMeanSquareErrorMatchesOnePointZeroFourOverRootM()
    {
        // 30 independent streams of 100,000 distinct strings: the RMS relative error should be near 1.04/√m = 1.63%
        double sum = 0;
        const int runs = 30, n = 100_000;
        for (var r = 0; r < runs; r++)
        {
            var h = new HyperLogLog();
            for (var i = 0; i < n; i++) h.Update($"run{r}-item{i}");
            var e = h.Estimate() / n - 1;
            sum += e * e;
        }
        var rms = Math.Sqrt(sum / runs);
        Assert.InRange(rms, 0.3 * 1.04 / 64, 1.6 * 1.04 / 64);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(10000)]
    public void SmallCardinalitiesAreNearlyExact(int n)
    {
        var h = new HyperLogLog();
        for (var rep = 0; rep < 3; rep++)
            for (var i = 0; i < n; i++) h.Update("v" + i);
        var tolerance = n <= 100 ? 0.02 : 3 * h.RelativeStandardError;
        Assert.True(Math.Abs(h.Estimate() / n - 1) <= tolerance, $"estimate {h.Estimate():0.0} for {n}");
        Assert.Equal(0, new HyperLogLog().Estimate());
    }

    [Fact]
    public void MergeEqualsSketchOfUnionAndRoundTrips()
    {
        HyperLogLog a = new(), b = new(), all = new();
        for (var i = 0; i < 30_000; i++) { (i % 3 == 0 ? a : b).Update(i); all.Update(i); }
        var m = a.Clone(); m.Merge(b);
        Assert.True(m.RegistersEqual(all));
        Assert.Equal(all.Estimate(), m.Estimate());
        var json = HyperLogLog.ReadJson(JsonDocument.Parse(SketchIo.Json(all.WriteJson)).RootElement);
        var bin = HyperLogLog.ReadBinary(SketchIo.Reader(all.WriteBinary));
        Assert.True(json.RegistersEqual(all) && bin.RegistersEqual(all));
        Assert.Throws<ArgumentException>(() => a.Merge(new HyperLogLog(10)));
    }

    [Fact]
    public void NegativeZeroEqualsZeroAndUpdateIsFast()
    {
        var h = new HyperLogLog();
        h.Update(0.0); h.Update(-0.0);
        Assert.Equal(1, h.Estimate(), 1);
        var sw = new System.Diagnostics.Stopwatch();
        var before = GC.GetAllocatedBytesForCurrentThread();
        sw.Start();
        for (var i = 0; i < 2_000_000; i++) h.Update((double)i);
        sw.Stop();
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024, "HyperLogLog.Update allocated"); // a few bytes may come from tiered JIT on this thread
        Console.WriteLine($"HLL update: {sw.Elapsed.TotalNanoseconds / 2_000_000:0.0} ns");
        Assert.True(sw.Elapsed.TotalNanoseconds / 2_000_000 < 200, $"{sw.Elapsed.TotalNanoseconds / 2_000_000:0.0} ns per update (target 20 ns)");
    }
}

public class SpaceSavingTests
{
    private static (string[] Stream, Dictionary<string, long> Truth) Zipf(int n, int seed)
    {
        var rng = new Random(seed);
        var stream = new string[n];
        var truth = new Dictionary<string, long>();
        for (var i = 0; i < n; i++)
        {
            var item = "i" + (int)Math.Floor(Math.Pow(rng.NextDouble(), 3) * 2000);
            stream[i] = item;
            truth[item] = truth.GetValueOrDefault(item) + 1;
        }
        return (stream, truth);
    }

    private static void AssertGuarantees(SpaceSaving s, Dictionary<string, long> truth, long n)
    {
        Assert.Equal(n, s.TotalCount);
        Assert.True(s.MaximumError <= (double)n / s.Capacity, $"max error {s.MaximumError} > N/k");
        foreach (var e in s.Items())
        {
            var t = truth.GetValueOrDefault(e.Value);
            Assert.True(e.LowerBound <= t && t <= e.Count, $"{e.Value}: true {t} outside [{e.LowerBound}, {e.Count}]");
        }
        foreach (var (item, t) in truth)
            if (!s.Contains(item)) Assert.True(t <= s.UnmonitoredBound, $"{item} ({t}) unmonitored above bound {s.UnmonitoredBound}");
    }

    [Fact]
    public void GuaranteesHoldOnASkewedStream()
    {
        var (stream, truth) = Zipf(200_000, 1);
        var s = new SpaceSaving(50);
        foreach (var x in stream) s.Update(x);
        AssertGuarantees(s, truth, stream.Length);
        var top = truth.OrderByDescending(kv => kv.Value).First().Key;
        Assert.Equal(top, s.Items()[0].Value);
    }

    [Fact]
    public void MergeKeepsGuaranteesAndIsCommutative()
    {
        var (stream, truth) = Zipf(120_000, 2);
        var parts = new[] { new SpaceSaving(40), new SpaceSaving(40), new SpaceSaving(40) };
        for (var i = 0; i < stream.Length; i++) parts[i * 3 / stream.Length].Update(stream[i]);
        var ab = parts[0].Clone(); ab.Merge(parts[1]);
        var ba = parts[1].Clone(); ba.Merge(parts[0]);
        Assert.Equal(ab.Items(), ba.Items());
        ab.Merge(parts[2]);
        AssertGuarantees(ab, truth, stream.Length);
        var bc = parts[1].Clone(); bc.Merge(parts[2]);
        var a_bc = parts[0].Clone(); a_bc.Merge(bc);
        AssertGuarantees(a_bc, truth, stream.Length);
    }

    [Fact]
    public void ExactBelowCapacityWeightedAndRoundTrips()
    {
        var s = new SpaceSaving(10);
        s.Update("a", 5); s.Update("b"); s.Update("a");
        Assert.True(s.IsExact);
        Assert.Equal([new FrequentItem("a", 6, 0), new FrequentItem("b", 1, 0)], s.Items());
        var json = SpaceSaving.ReadJson(JsonDocument.Parse(SketchIo.Json(s.WriteJson)).RootElement);
        var bin = SpaceSaving.ReadBinary(SketchIo.Reader(s.WriteBinary));
        Assert.Equal(s.Items(), json.Items());
        Assert.Equal(s.Items(), bin.Items());
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Update("x", 0));
    }
}
