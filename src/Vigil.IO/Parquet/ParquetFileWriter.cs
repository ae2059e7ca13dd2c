using Parquet;
using Parquet.Schema;
using Vigil.Core.Data;

namespace Vigil.IO.Parquet;

/// <summary>Writes a <see cref="DataFrame"/> as a flat Parquet file (one row group, Snappy compression).</summary>
public static class ParquetFileWriter
{
    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/>.</summary>
    public static void Write(DataFrame frame, string path) => WriteAsync(frame, path).GetAwaiter().GetResult();

    private static async Task WriteAsync(DataFrame frame, string path)
    {
        var fields = frame.Columns.Select(c => c switch
        {
            NumericColumn => new DataField<double?>(c.Name),
            TimestampColumn => new DataField<DateTime?>(c.Name),
            _ => (DataField)new DataField<string>(c.Name, true),
        }).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var rg = writer.CreateRowGroup();
        for (var j = 0; j < fields.Length; j++)
        {
            switch (frame.Columns[j])
            {
                case NumericColumn n:
                    var d = new double?[n.Length];
                    for (var i = 0; i < d.Length; i++) d[i] = double.IsNaN(n.Values[i]) ? null : n.Values[i];
                    await rg.WriteAsync(fields[j], new ReadOnlyMemory<double?>(d));
                    break;
                case TimestampColumn t:
                    var ts = new DateTime?[t.Length];
                    for (var i = 0; i < ts.Length; i++) ts[i] = t.GetTime(i);
                    await rg.WriteAsync(fields[j], new ReadOnlyMemory<DateTime?>(ts));
                    break;
                default:
                    var c = frame.Columns[j];
                    var s = new string?[c.Length];
                    for (var i = 0; i < s.Length; i++) s[i] = c.GetText(i);
                    await rg.WriteAsync(fields[j], (IReadOnlyCollection<string>)s!);
                    break;
            }
        }
    }
}
