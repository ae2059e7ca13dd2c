using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Provenance;
using Vigil.IO;
using Vigil.IO.Parquet;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Provenance;

public sealed class FingerprinterTests
{
    private static readonly string Tiny = Paths.Fixture("provenance", "tiny.csv");

    private static string Write(string content, string name = "data.csv")
    {
        var path = Path.Combine(Paths.TempFolder(), name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void TinyTableMatchesSha256SumOfTheHandWrittenCanonicalForm()
    {
        // reference: tests/fixtures/gen_provenance.sh (printf | sha256sum)
        using var reference = Fixture.Load("provenance/tiny.json");
        var r = reference.RootElement;
        var f = Fingerprinter.Compute(DataFile.Read(Tiny));
        Assert.Equal(r.GetProperty("content_hash").GetString(), f.ContentHash);
        Assert.Equal(r.GetProperty("schema_hash").GetString(), f.SchemaHash);
        Assert.Equal(r.GetProperty("column_digest_name").GetString(), f.Columns[0].Digest);
        Assert.Equal(r.GetProperty("column_digest_score").GetString(), f.Columns[1].Digest);
        Assert.Equal(3, f.RowCount);
        Assert.Equal(1, f.Columns[1].Nulls);
        Assert.Equal(2, f.Columns[1].Distinct);
        var u = Fingerprinter.Compute(DataFile.Read(Tiny), rowOrderInsensitive: true);
        Assert.Equal(r.GetProperty("content_hash_row_order_insensitive").GetString(), u.ContentHash);
    }

    [Fact]
    public void CsvFormattingDoesNotChangeTheContentHash()
    {
        var plain = Write("name,score,city\nann,2.5,Oslo\nbob,,x y\ncy,1000,Bergen\n");
        var variants = new[]
        {
            Write("\uFEFF\"name\",\"score\",\"city\"\r\n\"ann\",\"2.50\",\"Oslo\"\r\n\"bob\",\"\",\"x y\"\r\n\"cy\",\"1e3\",\"Bergen\"\r\n"),
            Write("name;score;city\nann;2.5;Oslo\nbob;;x y\ncy;1000;Bergen"),
            Write("name\tscore\tcity\r\nann\t2.5\t\"Oslo\"\r\nbob\tNA\tx y\r\ncy\t1000.0\tBergen\r\n", "data.tsv"),
            Tiny,
        };
        var expected = Fingerprinter.Compute(DataFile.Read(plain));
        foreach (var v in variants)
        {
            var f = Fingerprinter.Compute(DataFile.Read(v));
            Assert.Equal(expected.ContentHash, f.ContentHash);
            Assert.Equal(expected.SchemaHash, f.SchemaHash);
        }
    }

    [Fact]
    public void ParquetCopyHasTheSameFingerprintAsTheCsv()
    {
        var csv = DataFile.Read(Paths.Data("german_credit", "german_credit_with_header.csv"));
        var parquet = Path.Combine(Paths.TempFolder(), "german.parquet");
        ParquetFileWriter.Write(csv, parquet);
        var a = Fingerprinter.Compute(csv);
        var b = Fingerprinter.Compute(DataFile.Read(parquet));
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(a.SchemaHash, b.SchemaHash);
        Assert.Equal(a.Columns.Select(c => c.Digest), b.Columns.Select(c => c.Digest));
        Assert.Equal(Fingerprinter.Compute(csv, true).ContentHash, Fingerprinter.Compute(DataFile.Read(parquet), true).ContentHash);
    }

    [Fact]
    public void ShuffledRowsChangeTheOrderedHashOnly()
    {
        var frame = DataFile.Read(Paths.Data("german_credit", "german_credit_with_header.csv"));
        var order = Enumerable.Range(0, frame.RowCount).ToArray();
        new Random(7).Shuffle(order);
        var shuffled = frame.Take(order);
        Assert.NotEqual(Fingerprinter.Compute(frame).ContentHash, Fingerprinter.Compute(shuffled).ContentHash);
        Assert.Equal(Fingerprinter.Compute(frame, true).ContentHash, Fingerprinter.Compute(shuffled, true).ContentHash);
        // column digests are ordered too, but counts are not
        Assert.Equal(Fingerprinter.Compute(frame).Columns.Select(c => c.Distinct), Fingerprinter.Compute(shuffled).Columns.Select(c => c.Distinct));
    }

    [Fact]
    public void OneChangedCellChangesEveryContentHashAndOnlyItsColumnDigest()
    {
        var a = Write("k,v,w\n1,x,3\n2,y,4\n");
        var b = Write("k,v,w\n1,x,3\n2,z,4\n");
        var fa = Fingerprinter.Compute(DataFile.Read(a));
        var fb = Fingerprinter.Compute(DataFile.Read(b));
        Assert.NotEqual(fa.ContentHash, fb.ContentHash);
        Assert.NotEqual(Fingerprinter.Compute(DataFile.Read(a), true).ContentHash, Fingerprinter.Compute(DataFile.Read(b), true).ContentHash);
        Assert.Equal(fa.SchemaHash, fb.SchemaHash);
        Assert.Equal(fa.Columns[0].Digest, fb.Columns[0].Digest);
        Assert.NotEqual(fa.Columns[1].Digest, fb.Columns[1].Digest);
        Assert.Equal(fa.Columns[2].Digest, fb.Columns[2].Digest);
    }

    [Fact]
    public void SeparatorsInsideTextCannotForgeAnotherTable()
    {
        // "a\u001Fb" in one cell vs "a","b" in two cells: escaping keeps the canonical forms apart
        var one = new DataFrame([CategoricalColumn.FromStrings("c", ["a\u001Fb"]), CategoricalColumn.FromStrings("d", ["e"])]);
        var two = new DataFrame([CategoricalColumn.FromStrings("c", ["a"]), CategoricalColumn.FromStrings("d", ["b\u001Fe"])]);
        Assert.NotEqual(Fingerprinter.Compute(one).ContentHash, Fingerprinter.Compute(two).ContentHash);
        // missing differs from the empty string
        var missing = new DataFrame([CategoricalColumn.FromStrings("c", [null])]);
        var empty = new DataFrame([CategoricalColumn.FromStrings("c", [""])]);
        Assert.NotEqual(Fingerprinter.Compute(missing).ContentHash, Fingerprinter.Compute(empty).ContentHash);
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public bool RowOrderInsensitiveHashIgnoresAnyPermutation(int[] values, int seed)
    {
        var v = values ?? [];
        var frame = new DataFrame([new NumericColumn("v", v.Select(x => (double)x).ToArray()), CategoricalColumn.FromStrings("s", v.Select(x => (x % 3).ToString()).ToArray())]);
        var order = Enumerable.Range(0, v.Length).ToArray();
        new Random(seed).Shuffle(order);
        return Fingerprinter.Compute(frame, true).ContentHash == Fingerprinter.Compute(frame.Take(order), true).ContentHash;
    }
}
