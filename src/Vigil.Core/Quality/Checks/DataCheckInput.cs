using Vigil.Core.Data;
using Vigil.Core.Provenance;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// What every check reads: the data, the optional label and test data, the settings, and shared derived values
/// computed once on first use (label classes, 64-bit row hashes over all columns and over the features).
/// </summary>
public sealed class DataCheckInput
{
    private readonly Lazy<LabelClasses?> _labels;
    private readonly Lazy<ulong[]> _rowHashes;
    private readonly Lazy<ulong[]> _featureHashes;

    /// <summary>Creates the input; an unknown label column or a test file without the features throws <see cref="ArgumentException"/>.</summary>
    public DataCheckInput(DataFrame data, string? label = null, DataFrame? test = null, DataCheckSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Settings = settings ?? new DataCheckSettings();
        Settings.Validate();
        Data = data;
        Test = test;
        if (label is not null && !data.Contains(label))
            throw new ArgumentException($"No label column '{label}' in {data.Source} (columns: {string.Join(", ", data.ColumnNames)}).", nameof(label));
        Label = label;
        var features = new List<Column>();
        foreach (var c in data.Columns)
            if (c.Name != label) features.Add(c);
        Features = features;
        if (test is not null)
        {
            var missing = new List<string>();
            foreach (var c in features)
                if (!test.Contains(c.Name)) missing.Add(c.Name);
            if (missing.Count > 0)
                throw new ArgumentException($"The test data {test.Source} lacks the feature column(s) {string.Join(", ", missing)}.", nameof(test));
        }
        _labels = new Lazy<LabelClasses?>(() => label is null ? null : LabelClasses.Of(data[label]));
        _rowHashes = new Lazy<ulong[]>(() => RowHash64.Compute(data, data.Columns));
        _featureHashes = new Lazy<ulong[]>(() => label is null ? _rowHashes.Value : RowHash64.Compute(data, Features));
    }

    /// <summary>The data checked.</summary>
    public DataFrame Data { get; }

    /// <summary>The label column's name, or null.</summary>
    public string? Label { get; }

    /// <summary>Test data for the overlap check, or null.</summary>
    public DataFrame? Test { get; }

    /// <summary>Thresholds.</summary>
    public DataCheckSettings Settings { get; }

    /// <summary>Every column except the label, in file order.</summary>
    public IReadOnlyList<Column> Features { get; }

    /// <summary>The label's classes, or null without a label.</summary>
    public LabelClasses? Labels => _labels.Value;

    /// <summary>64-bit hash of every row over all columns (<see cref="RowHash64"/>).</summary>
    public ulong[] RowHashes => _rowHashes.Value;

    /// <summary>64-bit hash of every row over <see cref="Features"/>.</summary>
    public ulong[] FeatureHashes => _featureHashes.Value;
}

/// <summary>The label of each row as a class index (−1 = missing) with class names in order of first appearance.</summary>
/// <param name="Names">Class names (the label's text).</param>
/// <param name="ClassOf">Class index per row; −1 when the label is missing.</param>
/// <param name="Counts">Rows per class.</param>
public sealed record LabelClasses(string[] Names, int[] ClassOf, int[] Counts)
{
    /// <summary>Rows with a label.</summary>
    public int Labelled
    {
        get
        {
            var s = 0;
            foreach (var c in Counts) s += c;
            return s;
        }
    }

    /// <summary>Reads the classes of a label column (its canonical text per row).</summary>
    public static LabelClasses Of(Column label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var n = label.Length;
        var classOf = new int[n];
        var names = new List<string>();
        var counts = new List<int>();
        if (label is CategoricalColumn cat)
        {
            var map = new int[cat.Categories.Length];
            Array.Fill(map, -1);
            for (var i = 0; i < n; i++)
            {
                var code = cat.Codes[i];
                if (code < 0) { classOf[i] = -1; continue; }
                if (map[code] < 0) { map[code] = names.Count; names.Add(cat.Categories[code]); counts.Add(0); }
                classOf[i] = map[code];
                counts[map[code]]++;
            }
        }
        else
        {
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < n; i++)
            {
                var text = label.GetText(i);
                if (text is null) { classOf[i] = -1; continue; }
                if (!map.TryGetValue(text, out var k)) { k = names.Count; map.Add(text, k); names.Add(text); counts.Add(0); }
                classOf[i] = k;
                counts[k]++;
            }
        }
        return new LabelClasses([.. names], classOf, [.. counts]);
    }
}
