using System.Text;
using Vigil.Core.Data;
using Vigil.IO.Csv;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.IO.Tests.Csv;

public class CsvReaderTests
{
    private static DataFrame Parse(string text, ReadOptions? options = null) =>
        CsvReader.Parse(Encoding.UTF8.GetBytes(text), "test.csv", options);

    [Fact]
    public void Rfc4180QuotedFieldsKeepCommasQuotesAndNewlines()
    {
        var df = Parse("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,plain\n");
        var text = (CategoricalColumn)df["text"];
        Assert.Equal(["a, b", "say \"hi\"", "two\nlines", "plain"], Enumerable.Range(0, 4).Select(text.GetText));
        Assert.Equal([2, 3, 4, 6], df.SourceLines!);
    }

    [Fact]
    public void CrlfLineEndingsAndBomAreHandled()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("a,b\r\n1,x\r\n2,\"y\"\r\n")).ToArray();
        var df = CsvReader.Parse(bytes, "bom.csv");
        Assert.Equal(["a", "b"], df.ColumnNames);
        Assert.Equal([1.0, 2.0], ((NumericColumn)df["a"]).Values);
        Assert.Equal("y", df["b"].GetText(1));
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("\"x;y\",b,c\n1,2,3\n", ',')]
    public void DelimiterIsDetectedFromTheHeader(string text, char expected)
    {
        Assert.Equal(expected, CsvReader.DetectDelimiter(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(3, Parse(text).Columns.Count);
    }

    [Fact]
    public void ExplicitDelimiterWins()
    {
        var df = Parse("a,b;c\n1,2;3\n", new ReadOptions { Delimiter = ';' });
        Assert.Equal(["a,b", "c"], df.ColumnNames);
    }

    [Fact]
    public void MissingTokensBecomeNaNOrMissingCategories()
    {
        var df = Parse("x,c\n1,a\n,NA\nNaN,null\nN/A,None\nnone,b\n5,\n");
        var x = ((NumericColumn)df["x"]).Values;
        Assert.Equal(1.0, x[0]);
        Assert.True(x[1..5].All(double.IsNaN));
        Assert.Equal(5.0, x[5]);
        Assert.Equal(4, df["c"].MissingCount());
    }

    [Fact]
    public void MissingTokensAreConfigurable()
    {
        var df = Parse("x\n1\n-999\n", new ReadOptions { MissingTokens = ["", "-999"] });
        Assert.True(double.IsNaN(((NumericColumn)df["x"]).Values[1]));
    }

    [Fact]
    public void TypesAreInferred()
    {
        var df = Parse("n,b,t,c\n1.5,true,2024-01-02,x\n-2e3,False,2024-01-03T04:05:06Z,y\n,TRUE,2024-01-04 10:00,x\n");
        Assert.Equal(ColumnType.Numeric, df["n"].Type);
        Assert.Equal(ColumnType.Boolean, df["b"].Type);
        Assert.Equal(ColumnType.Timestamp, df["t"].Type);
        Assert.Equal(ColumnType.Categorical, df["c"].Type);
        Assert.Equal(-2000.0, ((NumericColumn)df["n"]).Values[1]);
        var t = (TimestampColumn)df["t"];
        Assert.Equal(new DateTime(2024, 1, 3, 4, 5, 6, DateTimeKind.Utc), t.GetTime(1));
        Assert.Equal(new DateTime(2024, 1, 4, 10, 0, 0, DateTimeKind.Utc), t.GetTime(2));
    }

    [Fact]
    public void TimestampOffsetsAreConvertedToUtc()
    {
        var df = Parse("t\n2024-01-01T12:00:00+02:00\n");
        Assert.Equal(new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc), ((TimestampColumn)df["t"]).GetTime(0));
    }

    [Fact]
    public void ALateNonNumericValueWidensTheColumnKeepingEveryValue()
    {
        var sb = new StringBuilder("code\n");
        for (var i = 0; i < 50; i++) sb.Append(i).Append('\n');
        sb.Append("A7\n007\n");
        var df = Parse(sb.ToString(), new ReadOptions { InferenceRows = 10 });
        var c = df["code"];
        Assert.Equal(ColumnType.Categorical, c.Type);
        Assert.Equal("A7", c.GetText(50));
        Assert.Equal("007", c.GetText(51));
        Assert.Equal("3", c.GetText(3));
    }

    [Fact]
    public void AForcedTypeThatDoesNotFitNamesLineColumnAndValue()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Parse("id,score\n1,0.5\n2,high\n", new ReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["score"] = ColumnType.Numeric } }));
        Assert.Equal(3, e.Line);
        Assert.Equal("score", e.Column);
        Assert.Contains("expected a number, found 'high'", e.Message);
        Assert.StartsWith("test.csv:3 column 'score'", e.Message);
    }

    [Fact]
    public void ForcingNumericColumnToCategoricalKeepsText()
    {
        var df = Parse("zip\n01234\n98765\n", new ReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["zip"] = ColumnType.Categorical } });
        Assert.Equal("01234", df["zip"].GetText(0));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\n\n", "empty")]
    [InlineData("a,b\n", "no data rows")]
    public void EmptyInputsAreClearErrors(string text, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void RaggedRowNamesTheLineAndTheCounts()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b,c\n1,2,3\n4,5\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 3 fields as in the header, found 2", e.Message);
    }

    [Fact]
    public void RaggedRowBeyondTheInferenceSampleIsFound()
    {
        var sb = new StringBuilder("a,b\n");
        for (var i = 0; i < 100; i++) sb.Append("1,2\n");
        sb.Append("1,2,3\n");
        var e = Assert.Throws<DataFormatException>(() => Parse(sb.ToString(), new ReadOptions { InferenceRows = 5 }));
        Assert.Equal(102, e.Line);
    }

    [Fact]
    public void UnterminatedQuoteNamesTheLineWhereItOpened()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b\n1,x\n2,\"oops\n3,y\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("unterminated quoted field", e.Message);
    }

    [Fact]
    public void DuplicateHeaderNamesAreRejected()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b,a\n1,2,3\n"));
        Assert.Contains("'a' twice", e.Message);
    }

    [Fact]
    public void EmptyHeaderNamesGetAPlaceholder()
    {
        var df = Parse(",a\n0,1\n");
        Assert.Equal(["unnamed_0", "a"], df.ColumnNames);
    }

    [Fact]
    public void SelectingUnknownColumnListsTheColumns()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("a,b\n1,2\n", new ReadOptions { Columns = ["z"] }));
        Assert.Contains("no column 'z' (columns: a, b)", e.Message);
    }

    [Fact]
    public void ManyDistinctStringsBecomeText()
    {
        var sb = new StringBuilder("id\n");
        for (var i = 0; i < 3000; i++) sb.Append("user-").Append(i).Append('\n');
        Assert.Equal(ColumnType.Text, Parse(sb.ToString())["id"].Type);
    }

    [Fact]
    public void ParallelAndSequentialReadsAgree()
    {
        var rng = new Random(7);
        var sb = new StringBuilder("x,y,c\n");
        for (var i = 0; i < 400_000; i++)
        {
            var x = rng.NextDouble() * 1000 - 500;
            sb.Append(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            sb.Append(i % 97 == 0 ? "" : (rng.Next(1000) / 8.0).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            sb.Append("k").Append(rng.Next(30)).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        Assert.True(bytes.Length > 4 << 20);
        var par = CsvReader.Parse(bytes, "p.csv");
        var seq = CsvReader.Parse(bytes, "s.csv", new ReadOptions { Parallel = false });
        Assert.Equal(seq.RowCount, par.RowCount);
        Assert.Equal(((NumericColumn)seq["x"]).Values, ((NumericColumn)par["x"]).Values);
        Assert.Equal(((NumericColumn)seq["y"]).Values, ((NumericColumn)par["y"]).Values);
        for (var i = 0; i < seq.RowCount; i += 997) Assert.Equal(seq["c"].GetText(i), par["c"].GetText(i));
        Assert.Equal(seq.SourceLines, par.SourceLines);
    }

    [Fact]
    public void AdultDatasetLoads()
    {
        var df = CsvReader.Read(Paths.Data("adult", "adult.csv"));
        Assert.Equal(48_842, df.RowCount);
        Assert.Contains(df.Columns, c => c.Type == ColumnType.Numeric);
        Assert.Contains(df.Columns, c => c.Type == ColumnType.Categorical);
    }

    [Fact]
    public void MissingFileIsAClearError()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read("/nonexistent/x.csv"));
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void StreamedBlocksAndInMemoryReadsAgree()
    {
        var rng = new Random(11);
        var sb = new StringBuilder("x,code,c\r\n");
        for (var i = 0; i < 60_000; i++)
        {
            sb.Append((rng.NextDouble() * 100).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            sb.Append(i == 45_000 ? "A7" : (i % 13).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            sb.Append("k").Append(rng.Next(40)).Append(i % 1000 == 0 ? "\r\n\r\n" : "\r\n");
        }
        var path = Path.Combine(Paths.TempFolder(), "big.csv");
        File.WriteAllText(path, sb.ToString());
        var memory = CsvReader.Parse(File.ReadAllBytes(path), path);
        var (threshold, block) = (CsvReader.StreamMinBytes, CsvReader.BlockBytes);
        try
        {
            CsvReader.StreamMinBytes = 1;
            CsvReader.BlockBytes = 64 << 10; // many blocks, rows cut across block ends
            var streamed = CsvReader.Read(path);
            Assert.Equal(memory.RowCount, streamed.RowCount);
            Assert.Equal(60_000, streamed.RowCount);
            Assert.Equal(((NumericColumn)memory["x"]).Values, ((NumericColumn)streamed["x"]).Values);
            Assert.Equal(ColumnType.Categorical, streamed["code"].Type);
            Assert.Equal("A7", streamed["code"].GetText(45_000));
            for (var i = 0; i < memory.RowCount; i += 997)
            {
                Assert.Equal(memory["code"].GetText(i), streamed["code"].GetText(i));
                Assert.Equal(memory["c"].GetText(i), streamed["c"].GetText(i));
            }
            Assert.Equal(memory.SourceLines, streamed.SourceLines);

            File.AppendAllText(path, "1,2\r\n");
            var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path));
            Assert.Equal(memory.SourceLines![^1] + 1, e.Line);
        }
        finally
        {
            (CsvReader.StreamMinBytes, CsvReader.BlockBytes) = (threshold, block);
        }
    }
}
