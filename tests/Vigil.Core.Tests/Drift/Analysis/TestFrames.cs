using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Core.Tests.Drift.Analysis;

/// <summary>Builds frames for the engine tests (Core tests do not reference Vigil.IO): a plain CSV reader for quote-free files.</summary>
internal static class TestFrames
{
    public static DataFrame ReadPlainCsv(string path, Func<string[], bool>? keep = null)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Where(r => keep is null || keep(r)).ToList();
        var columns = new List<Column>();
        for (var c = 0; c < header.Length; c++)
        {
            var texts = rows.Select(r => r[c].Length == 0 ? null : r[c]).ToList();
            var numeric = texts.All(t => t is null || double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            columns.Add(numeric
                ? new NumericColumn(header[c], texts.Select(t => t is null ? double.NaN : double.Parse(t, CultureInfo.InvariantCulture)).ToArray())
                : CategoricalColumn.FromStrings(header[c], texts));
        }
        return new DataFrame(columns, path);
    }

    public static DataFrame Frame(params Column[] columns) => new(columns);
}
