using System.Text;
using Vigil.Core.Data;

namespace Vigil.IO.Csv;

/// <summary>Writes a <see cref="DataFrame"/> as RFC 4180 CSV (UTF-8, no BOM, LF line ends; missing values empty).</summary>
public static class CsvWriter
{
    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/>.</summary>
    public static void Write(DataFrame frame, string path)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        Write(frame, w);
    }

    /// <summary>Writes <paramref name="frame"/> to a writer.</summary>
    public static void Write(DataFrame frame, TextWriter w)
    {
        w.NewLine = "\n";
        for (var j = 0; j < frame.Columns.Count; j++)
        {
            if (j > 0) w.Write(',');
            w.Write(Quote(frame.Columns[j].Name));
        }
        w.WriteLine();
        for (var i = 0; i < frame.RowCount; i++)
        {
            for (var j = 0; j < frame.Columns.Count; j++)
            {
                if (j > 0) w.Write(',');
                var text = frame.Columns[j].GetText(i);
                if (text is not null) w.Write(Quote(text));
            }
            w.WriteLine();
        }
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
