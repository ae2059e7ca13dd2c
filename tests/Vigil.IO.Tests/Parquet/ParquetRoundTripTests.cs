using Vigil.Core.Data;
using Vigil.IO.Parquet;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.IO.Tests.Parquet;

public class ParquetRoundTripTests
{
    [Fact]
    public void WrittenFrameReadsBackWithTypesAndMissingValues()
    {
        var frame = new DataFrame([
            new NumericColumn("x", [1.5, double.NaN, -3]),
            CategoricalColumn.FromStrings("c", ["a", null, "b"]),
            new TimestampColumn("t", [new DateTime(2024, 1, 1).Ticks, TimestampColumn.Missing, new DateTime(2024, 2, 1).Ticks]),
        ]);
        var path = Path.Combine(Paths.TempFolder(), "f.parquet");
        ParquetFileWriter.Write(frame, path);
        var back = DataFile.Read(path);
        Assert.Equal(3, back.RowCount);
        Assert.Equal(ColumnType.Numeric, back["x"].Type);
        Assert.Equal(1.5, ((NumericColumn)back["x"]).Values[0]);
        Assert.True(back["x"].IsMissing(1));
        Assert.Equal("b", back["c"].GetText(2));
        Assert.True(back["c"].IsMissing(1));
        Assert.Equal(new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc), ((TimestampColumn)back["t"]).GetTime(2));
    }

    [Fact]
    public void NotAParquetFileIsAClearError()
    {
        var path = Path.Combine(Paths.TempFolder(), "bad.parquet");
        File.WriteAllText(path, "a,b\n1,2\n");
        var e = Assert.Throws<DataFormatException>(() => DataFile.Read(path));
        Assert.Contains("bad.parquet", e.Message);
    }
}
