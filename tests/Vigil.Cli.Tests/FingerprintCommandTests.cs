using System.Text.Json;
using Vigil.IO;
using Vigil.IO.Parquet;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Cli.Tests;

public sealed class FingerprintCommandTests
{
    [Fact]
    public void TinyFixtureMatchesTheSha256SumReference()
    {
        // reference: tests/fixtures/gen_provenance.sh (printf | sha256sum, no Vigil code)
        using var reference = Fixture.Load("provenance/tiny.json");
        var run = CliRun.Of("fingerprint", Paths.Fixture("provenance", "tiny.csv"), "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var doc = run.Json();
        Assert.Equal(reference.RootElement.GetProperty("content_hash").GetString(), doc.RootElement.GetProperty("content_hash").GetString());
        Assert.Equal(reference.RootElement.GetProperty("schema_hash").GetString(), doc.RootElement.GetProperty("schema_hash").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("rows").GetInt32());
        var unordered = CliRun.Of("fingerprint", Paths.Fixture("provenance", "tiny.csv"), "--row-order-insensitive", "--json", "-");
        using var u = unordered.Json();
        Assert.Equal(reference.RootElement.GetProperty("content_hash_row_order_insensitive").GetString(), u.RootElement.GetProperty("content_hash").GetString());
        Assert.True(u.RootElement.GetProperty("row_order_insensitive").GetBoolean());
    }

    [Fact]
    public void CsvVariantsAndParquetShareTheHashShuffledRowsDoNotUnlessInsensitive()
    {
        var dir = Paths.TempFolder();
        var a = Path.Combine(dir, "a.csv");
        var b = Path.Combine(dir, "b.csv");
        var c = Path.Combine(dir, "shuffled.csv");
        File.WriteAllText(a, "id,amount,city\n1,10.5,Oslo\n2,,\"New York, NY\"\n3,7,Bergen\n");
        File.WriteAllText(b, "\uFEFF\"id\";\"amount\";\"city\"\r\n1;10.50;Oslo\r\n2;;\"New York, NY\"\r\n3;7.0;Bergen");
        File.WriteAllText(c, "id,amount,city\n3,7,Bergen\n1,10.5,Oslo\n2,,\"New York, NY\"\n");
        var pq = Path.Combine(dir, "a.parquet");
        ParquetFileWriter.Write(DataFile.Read(a), pq);
        string Hash(params string[] args)
        {
            var r = CliRun.Of(["fingerprint", .. args, "--json", "-"]);
            Assert.Equal(0, r.ExitCode);
            using var d = r.Json();
            return d.RootElement.GetProperty("content_hash").GetString()!;
        }
        var h = Hash(a);
        Assert.Equal(h, Hash(b));
        Assert.Equal(h, Hash(pq));
        Assert.NotEqual(h, Hash(c));
        Assert.Equal(Hash(a, "--row-order-insensitive"), Hash(c, "--row-order-insensitive"));
        Assert.Equal(Hash(a, "--row-order-insensitive"), Hash(pq, "--row-order-insensitive"));
        Assert.Equal(h, Hash("--data", a));
        Assert.Equal(h, Hash("--input", a));
    }

    [Fact]
    public void DataFileMissingOrGivenTwiceIsAUsageError()
    {
        var tiny = Paths.Fixture("provenance", "tiny.csv");
        var none = CliRun.Of("fingerprint");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("needs a data file", none.Stderr);
        var twice = CliRun.Of("fingerprint", tiny, "--data", tiny);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("either FILE or --data", twice.Stderr);
    }

    [Fact]
    public void PerColumnDigestsAndLineageRecord()
    {
        var dir = Paths.TempFolder();
        var store = Path.Combine(dir, "lineage.jsonl");
        var german = Paths.Data("german_credit", "german_credit_with_header.csv");
        var run = CliRun.Of("fingerprint", german, "--row-order-insensitive", "--lineage", store, "--json", "-");
        Assert.Equal(0, run.ExitCode);
        using var doc = run.Json();
        var cols = doc.RootElement.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(21, cols.Count);
        var duration = cols.Single(x => x.GetProperty("name").GetString() == "duration_months");
        Assert.Equal("number", duration.GetProperty("type").GetString());
        Assert.Equal(1000, duration.GetProperty("count").GetInt32());
        // distinct count checked against the file itself
        var distinct = File.ReadAllLines(german).Skip(1).Select(l => l.Split(',')[1]).Distinct().Count();
        Assert.Equal(distinct, duration.GetProperty("distinct").GetInt32());
        var lines = File.ReadAllLines(store);
        Assert.Single(lines);
        using var rec = JsonDocument.Parse(lines[0]);
        Assert.Equal(doc.RootElement.GetProperty("lineage_id").GetString(), rec.RootElement.GetProperty("id").GetString());
        Assert.Equal(doc.RootElement.GetProperty("content_hash").GetString(), rec.RootElement.GetProperty("attributes").GetProperty("content_sha256_row_order_insensitive").GetString());
        // recording the same data again is a no-op
        Assert.Equal(0, CliRun.Of("fingerprint", german, "--lineage", store).ExitCode);
        Assert.Single(File.ReadAllLines(store));
    }

    [Fact]
    public void MissingFileExitsTwo() => Assert.Equal(2, CliRun.Of("fingerprint", "/no/such.csv").ExitCode);
}
