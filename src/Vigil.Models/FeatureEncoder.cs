using Vigil.Core.Data;

namespace Vigil.Models;

/// <summary>
/// Turns columns of one or more <see cref="DataFrame"/>s into a dense row-major float matrix for ML.NET, fixing the
/// encoding on the frames it is fitted on so every frame encoded later gets the same features:
/// <list type="bullet">
/// <item>numeric columns: one feature, the value as float; missing stays NaN (ML.NET's tree learners bin NaN as its own
/// value, so no imputation);</item>
/// <item>categorical and boolean columns: one-hot indicators of the <see cref="MaxCategories"/> most frequent categories
/// over the fitted frames (ties broken by text, ordinal) plus one "(other)" indicator for the rest and for categories
/// first seen later; a missing value sets no indicator;</item>
/// <item>text and timestamp columns, columns absent from a fitted frame, columns whose type differs between frames and
/// columns with no values at all are skipped, each with a reason.</item>
/// </list>
/// Feature names are <c>column</c> for numeric columns and <c>column=category</c> / <c>column=(other)</c> for indicators;
/// <see cref="SourceColumns"/> maps each feature back to its column (to sum importances). Cost O(rows × columns).
/// </summary>
public sealed class FeatureEncoder
{
    /// <summary>The name suffix of the indicator of categories outside the kept ones.</summary>
    public const string OtherCategory = "(other)";

    private readonly List<Entry> _entries;

    private sealed record Entry(string Column, bool Numeric, int Offset, Dictionary<string, int> Categories, int OtherIndex);

    private FeatureEncoder(List<Entry> entries, string[] names, string[] sources, List<(string, string)> skipped, int maxCategories)
    {
        _entries = entries;
        FeatureNames = names;
        SourceColumns = sources;
        SkippedColumns = skipped;
        MaxCategories = maxCategories;
    }

    /// <summary>Categories kept per categorical column before the rest fall into "(other)".</summary>
    public int MaxCategories { get; }

    /// <summary>Number of features (matrix width).</summary>
    public int Width => FeatureNames.Count;

    /// <summary>One name per feature, in matrix order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The source column of each feature.</summary>
    public IReadOnlyList<string> SourceColumns { get; }

    /// <summary>The columns used, in order.</summary>
    public IEnumerable<string> UsedColumns => _entries.Select(e => e.Column);

    /// <summary>Columns not encoded, with the reason.</summary>
    public IReadOnlyList<(string Column, string Reason)> SkippedColumns { get; }

    /// <summary>Fixes the encoding of <paramref name="columns"/> from <paramref name="frames"/> (e.g. reference and current together).</summary>
    public static FeatureEncoder Fit(IReadOnlyList<DataFrame> frames, IReadOnlyList<string> columns, int maxCategories = 30)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(columns);
        if (frames.Count == 0) throw new ArgumentException("At least one frame is needed.", nameof(frames));
        if (maxCategories < 1) throw new ArgumentException("maxCategories must be at least 1.", nameof(maxCategories));
        var entries = new List<Entry>();
        var names = new List<string>();
        var sources = new List<string>();
        var skipped = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in columns)
        {
            if (!seen.Add(name)) throw new ArgumentException($"Column \"{name}\" is listed twice.", nameof(columns));
            var parts = new Column[frames.Count];
            string? reason = null;
            for (var f = 0; f < frames.Count && reason is null; f++)
            {
                var c = frames[f].Find(name);
                if (c is null) reason = $"not in {(string.IsNullOrEmpty(frames[f].Source) ? $"frame {f + 1}" : frames[f].Source)}";
                else parts[f] = c;
            }
            if (reason is null)
            {
                var kind = IsCategorical(parts[0].Type) ? ColumnType.Categorical : parts[0].Type;
                foreach (var c in parts)
                    if ((IsCategorical(c.Type) ? ColumnType.Categorical : c.Type) != kind) reason = "column type differs between the data sets";
                if (reason is null && kind is ColumnType.Text or ColumnType.Timestamp) reason = kind == ColumnType.Text ? "text column" : "timestamp column";
                if (reason is null)
                {
                    var present = 0;
                    foreach (var c in parts) present += c.Length - c.MissingCount();
                    if (present == 0) reason = "no values";
                }
            }
            if (reason is not null) { skipped.Add((name, reason)); continue; }

            if (parts[0] is NumericColumn)
            {
                entries.Add(new Entry(name, true, names.Count, [], -1));
                names.Add(name);
                sources.Add(name);
                continue;
            }
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var c in parts.Cast<CategoricalColumn>())
            {
                var perCode = new long[c.Categories.Length];
                foreach (var code in c.Codes) if (code >= 0) perCode[code]++;
                for (var k = 0; k < perCode.Length; k++)
                    if (perCode[k] > 0) counts[c.Categories[k]] = counts.GetValueOrDefault(c.Categories[k]) + perCode[k];
            }
            var ordered = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(maxCategories).ToList();
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            var offset = names.Count;
            foreach (var (category, _) in ordered)
            {
                map[category] = names.Count - offset;
                names.Add(name + "=" + category);
                sources.Add(name);
            }
            // "(other)" is always present, so categories first seen after fitting have somewhere to go.
            var other = names.Count - offset;
            names.Add(name + "=" + OtherCategory);
            sources.Add(name);
            entries.Add(new Entry(name, false, offset, map, other));
        }
        return new FeatureEncoder(entries, names.ToArray(), sources.ToArray(), skipped, maxCategories);
    }

    private static bool IsCategorical(ColumnType type) => type is ColumnType.Categorical or ColumnType.Boolean;

    /// <summary>
    /// Encodes every row of <paramref name="frame"/> into a new row-major matrix of <c>RowCount × Width</c> floats.
    /// Every used column must be present with the type it was fitted with (otherwise <see cref="ArgumentException"/>).
    /// </summary>
    public float[] Encode(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var n = frame.RowCount;
        var width = Width;
        var matrix = new float[(long)n * width];
        foreach (var e in _entries)
        {
            var column = frame.Find(e.Column) ?? throw new ArgumentException($"Column \"{e.Column}\" is missing from {frame.Source}.", nameof(frame));
            if (e.Numeric)
            {
                if (column is not NumericColumn numeric) throw new ArgumentException($"Column \"{e.Column}\" must be numeric.", nameof(frame));
                var values = numeric.Values;
                for (var r = 0; r < n; r++) matrix[(long)r * width + e.Offset] = (float)values[r];
                continue;
            }
            if (column is not CategoricalColumn categorical) throw new ArgumentException($"Column \"{e.Column}\" must be categorical.", nameof(frame));
            // Map this frame's own codes to indicator positions once, so the row loop is a table lookup.
            var slot = new int[categorical.Categories.Length];
            for (var k = 0; k < slot.Length; k++)
                slot[k] = e.Categories.TryGetValue(categorical.Categories[k], out var s) ? s : e.OtherIndex;
            var codes = categorical.Codes;
            for (var r = 0; r < n; r++)
            {
                var code = codes[r];
                if (code < 0) continue;
                matrix[(long)r * width + e.Offset + slot[code]] = 1f;
            }
        }
        return matrix;
    }
}
