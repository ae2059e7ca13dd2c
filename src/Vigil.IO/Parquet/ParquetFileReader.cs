using Parquet;
using Parquet.Schema;
using Vigil.Core.Data;

namespace Vigil.IO.Parquet;

/// <summary>
/// Reads flat Parquet files into a <see cref="DataFrame"/>: numeric physical types become numeric columns
/// (nulls → NaN), strings categorical (or text when mostly distinct), booleans boolean, dates and timestamps
/// timestamp columns. Nested and list columns are not supported and are named in the error.
/// Errors about a row refer to its 1-based row number.
/// </summary>
public static class ParquetFileReader
{
    /// <summary>Reads a Parquet file.</summary>
    public static DataFrame Read(string path, ReadOptions? options = null)
    {
        options ??= new ReadOptions();
        if (Directory.Exists(path)) throw new DataFormatException(path, "is a directory; expected a data file");
        if (!File.Exists(path)) throw new DataFormatException(path, "file not found");
        try
        {
            return ReadAsync(path, options).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not DataFormatException and (IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException))
        {
            throw new DataFormatException(path, "not a readable Parquet file: " + e.Message);
        }
    }

    private static async Task<DataFrame> ReadAsync(string path, ReadOptions options)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var top = reader.Schema.Fields;
        if (top.Count != fields.Length)
            throw new DataFormatException(path, "nested Parquet columns are not supported (flatten the file first)");
        var wanted = fields.Where(f => options.Columns is null || options.Columns.Contains(f.Name)).ToArray();
        if (options.Columns is not null)
            foreach (var c in options.Columns)
                if (!fields.Any(f => f.Name == c))
                    throw new DataFormatException(path, $"no column '{c}' (columns: {string.Join(", ", fields.Select(f => f.Name))})");
        var parts = wanted.Select(_ => new List<Array>()).ToArray();
        var total = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            var n = checked((int)rg.RowCount);
            total += n;
            for (var j = 0; j < wanted.Length; j++)
                parts[j].Add(await ReadField(rg, wanted[j], n, path));
        }
        if (total == 0) throw new DataFormatException(path, "the file has no rows");
        var columns = new Column[wanted.Length];
        for (var j = 0; j < wanted.Length; j++) columns[j] = ToColumn(wanted[j].Name, parts[j], total, options);
        return new DataFrame(columns, path);
    }

    private static async Task<Array> ReadField(ParquetRowGroupReader rg, DataField f, int n, string path)
    {
        if (f.IsArray) throw new DataFormatException(path, "list columns are not supported", column: f.Name);
        var t = f.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var s = new string?[n];
            await rg.ReadAsync(f, s.AsMemory());
            return s;
        }
        if (t == typeof(double)) return await Read<double>(rg, f, n);
        if (t == typeof(float)) return await Read<float>(rg, f, n);
        if (t == typeof(int)) return await Read<int>(rg, f, n);
        if (t == typeof(long)) return await Read<long>(rg, f, n);
        if (t == typeof(short)) return await Read<short>(rg, f, n);
        if (t == typeof(byte)) return await Read<byte>(rg, f, n);
        if (t == typeof(sbyte)) return await Read<sbyte>(rg, f, n);
        if (t == typeof(decimal)) return await Read<decimal>(rg, f, n);
        if (t == typeof(bool)) return await Read<bool>(rg, f, n);
        if (t == typeof(DateTime)) return await Read<DateTime>(rg, f, n);
        if (t == typeof(DateTimeOffset)) return await Read<DateTimeOffset>(rg, f, n);
        if (t == typeof(DateOnly)) return await Read<DateOnly>(rg, f, n);
        throw new DataFormatException(path, $"unsupported Parquet type {t.Name}", column: f.Name);
    }

    private static async Task<Array> Read<T>(ParquetRowGroupReader rg, DataField f, int n) where T : struct
    {
        if (f.IsNullable)
        {
            var a = new T?[n];
            await rg.ReadAsync(f, new Memory<T?>(a));
            return a;
        }
        var b = new T[n];
        await rg.ReadAsync(f, new Memory<T>(b));
        return b;
    }

    private static Column ToColumn(string name, List<Array> parts, int total, ReadOptions options)
    {
        var first = parts[0];
        var et = first.GetType().GetElementType()!;
        var under = Nullable.GetUnderlyingType(et) ?? et;
        if (under == typeof(string))
        {
            var all = new string?[total];
            var k = 0;
            foreach (string?[] p in parts) { p.CopyTo(all, k); k += p.Length; }
            var col = CategoricalColumn.FromStrings(name, all);
            var distinct = col.Categories.Length;
            return distinct > options.TextMinDistinct && distinct * 2 > total - col.MissingCount()
                ? new CategoricalColumn(name, col.Codes, col.Categories, ColumnType.Text)
                : col;
        }
        if (under == typeof(bool))
        {
            var all = new string?[total];
            var k = 0;
            foreach (var p in parts)
                foreach (var v in p) all[k++] = v is null ? null : ((bool)v ? "true" : "false");
            return CategoricalColumn.FromStrings(name, all, ColumnType.Boolean);
        }
        if (under == typeof(DateTime) || under == typeof(DateTimeOffset) || under == typeof(DateOnly))
        {
            var ticks = new long[total];
            var k = 0;
            foreach (var p in parts)
                foreach (var v in p)
                    ticks[k++] = v switch
                    {
                        DateTime d => (d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d).Ticks,
                        DateTimeOffset o => o.UtcTicks,
                        DateOnly d => d.ToDateTime(TimeOnly.MinValue).Ticks,
                        _ => TimestampColumn.Missing,
                    };
            return new TimestampColumn(name, ticks);
        }
        var values = new double[total];
        var i = 0;
        foreach (var p in parts)
        {
            if (p is double[] d) { d.CopyTo(values, i); i += d.Length; continue; }
            foreach (var v in p) values[i++] = v is null ? double.NaN : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
        }
        return new NumericColumn(name, values);
    }
}
