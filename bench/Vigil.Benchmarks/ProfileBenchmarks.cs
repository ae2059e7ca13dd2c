using BenchmarkDotNet.Attributes;
using Vigil.Core.Data;
using Vigil.Core.Profiles;
using Vigil.IO.Csv;

namespace Vigil.Benchmarks;

/// <summary>
/// Issue 6's profile targets. <c>ParseOnly</c> vs <c>ParseAndProfile</c>: <see cref="CsvReader.Parse"/> of
/// perf-data/w1_ref_1m.csv (1M × 25; read into memory in setup; generate it with
/// <c>/usr/bin/python3 ../shared/bench/gen.py --out perf-data --only w1</c>) with and without
/// <see cref="DatasetProfile.Of(DataFrame, ProfileSettings?, ProfileSegment?)"/> (target: ratio ≤ 1.5). The file is
/// found from the VIGIL_W1 environment variable or by walking up from the working directory; when absent the
/// in-memory 1M × 25 synthetic CSV is used instead. <c>ProfileOnly</c> profiles the parsed frame.
/// <c>Merge100</c> merges 100 profiles of 25 columns (each of 10k synthetic rows) left to right (target &lt; 1 s).
/// </summary>
public class ProfileBenchmarks
{
    private byte[] bytes = [];
    private DataFrame frame = null!;
    private DatasetProfile[] parts = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = FindW1();
        bytes = path is null ? SyntheticData.Csv(1_000_000) : File.ReadAllBytes(path);
        Console.WriteLine($"// ProfileBenchmarks input: {path ?? "synthetic 1M x 25"} ({bytes.Length / 1e6:F0} MB)");
        frame = CsvReader.Parse(bytes, "w1_ref_1m.csv");
        parts = new DatasetProfile[100];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = DatasetProfile.Of(CsvReader.Parse(SyntheticData.Csv(10_000, seed: 100 + i), $"part{i}.csv"));
    }

    [Benchmark]
    public int ParseOnly() => CsvReader.Parse(bytes, "w1_ref_1m.csv").RowCount;

    [Benchmark]
    public long ParseAndProfile() => DatasetProfile.Of(CsvReader.Parse(bytes, "w1_ref_1m.csv")).Rows;

    [Benchmark]
    public long ProfileOnly() => DatasetProfile.Of(frame).Rows;

    [Benchmark]
    public long Merge100()
    {
        var p = parts[0];
        for (var i = 1; i < parts.Length; i++) p = p.Merge(parts[i]);
        return p.Rows;
    }

    private static string? FindW1()
    {
        var env = Environment.GetEnvironmentVariable("VIGIL_W1");
        if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "perf-data", "w1_ref_1m.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
