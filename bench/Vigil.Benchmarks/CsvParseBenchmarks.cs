using BenchmarkDotNet.Attributes;
using Vigil.IO;
using Vigil.IO.Csv;

namespace Vigil.Benchmarks;

/// <summary><see cref="CsvReader.Parse"/> of an in-memory 100k × 25 CSV (20 numeric, 5 categorical columns, ~19 MB).</summary>
[MemoryDiagnoser]
public class CsvParseBenchmarks
{
    private byte[] bytes = [];

    /// <summary>True: the reader may split the body across threads (the default); false: one thread.</summary>
    [Params(true, false)]
    public bool Parallel { get; set; }

    [GlobalSetup]
    public void Setup() => bytes = SyntheticData.Csv(100_000);

    [Benchmark]
    public int Parse() => CsvReader.Parse(bytes, "bench.csv", new ReadOptions { Parallel = Parallel }).RowCount;
}
