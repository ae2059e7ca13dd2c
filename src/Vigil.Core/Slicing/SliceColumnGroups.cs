using Vigil.Core.Data;

namespace Vigil.Core.Slicing;

/// <summary>
/// The groups one column splits the evaluated rows into: a categorical column gives one group per category that
/// occurs in those rows (in category order); a numeric column gives its <see cref="QuantileBinning"/> bins (labels
/// <c>[18, 29]</c>, <c>(29, 37]</c>, …); missing values form a last group labelled <see cref="MissingLabel"/> when
/// present. <see cref="Codes"/>[i] is the group of evaluated row i; the rows of each group are listed ascending in
/// <see cref="RowsOf"/>. Cost O(n) for categorical columns, O(n log n) for numeric ones.
/// </summary>
public sealed class SliceColumnGroups
{
    /// <summary>The label of the group of missing values.</summary>
    public const string MissingLabel = "(missing)";

    private readonly int[] _offsets;
    private readonly int[] _rows;

    private SliceColumnGroups(string column, bool isNumeric, string[] labels, int[] codes, int missingGroup, QuantileBinning? binning)
    {
        Column = column;
        IsNumeric = isNumeric;
        Labels = labels;
        Codes = codes;
        MissingGroup = missingGroup;
        Binning = binning;
        _offsets = new int[labels.Length + 1];
        foreach (var c in codes) _offsets[c + 1]++;
        for (var g = 0; g < labels.Length; g++) _offsets[g + 1] += _offsets[g];
        _rows = new int[codes.Length];
        var next = _offsets[..^1];
        for (var i = 0; i < codes.Length; i++) _rows[next[codes[i]]++] = i;
    }

    /// <summary>The column's name.</summary>
    public string Column { get; }

    /// <summary>True when the groups are quantile bins of a numeric column.</summary>
    public bool IsNumeric { get; }

    /// <summary>Group labels; index g is group g.</summary>
    public string[] Labels { get; }

    /// <summary>Group index of each evaluated row.</summary>
    public int[] Codes { get; }

    /// <summary>The index of the missing-value group, or −1 when no value is missing.</summary>
    public int MissingGroup { get; }

    /// <summary>The bins of a numeric column, else null.</summary>
    public QuantileBinning? Binning { get; }

    /// <summary>Number of groups.</summary>
    public int GroupCount => Labels.Length;

    /// <summary>The evaluated rows of group <paramref name="group"/>, ascending.</summary>
    public ReadOnlySpan<int> RowsOf(int group) => _rows.AsSpan(_offsets[group], _offsets[group + 1] - _offsets[group]);

    /// <summary>
    /// Groups the evaluated rows by <paramref name="column"/>. Evaluated row i is frame row
    /// <paramref name="sourceRows"/>[i] (all frame rows in order when null). Numeric columns use
    /// <paramref name="bins"/> quantile bins computed on the evaluated rows. Timestamp columns are not supported
    /// (<see cref="ArgumentException"/>).
    /// </summary>
    public static SliceColumnGroups Create(Column column, int[]? sourceRows, int bins)
    {
        ArgumentNullException.ThrowIfNull(column);
        var n = sourceRows?.Length ?? column.Length;
        var codes = new int[n];
        switch (column)
        {
            case NumericColumn numeric:
            {
                var values = new double[n];
                for (var i = 0; i < n; i++) values[i] = numeric.Values[sourceRows is null ? i : sourceRows[i]];
                var binning = QuantileBinning.Compute(values, bins);
                var k = binning.BinCount;
                var missing = false;
                for (var i = 0; i < n; i++)
                {
                    var b = binning.Assign(values[i]);
                    if (b < 0) { b = k; missing = true; }
                    codes[i] = b;
                }
                var labels = new string[k + (missing ? 1 : 0)];
                for (var b = 0; b < k; b++) labels[b] = binning.Label(b);
                if (missing) labels[k] = MissingLabel;
                return new SliceColumnGroups(column.Name, true, labels, codes, missing ? k : -1, binning);
            }
            case CategoricalColumn categorical:
            {
                var categories = categorical.Categories.Length;
                var used = new int[categories + 1];
                for (var i = 0; i < n; i++) used[categorical.Codes[sourceRows is null ? i : sourceRows[i]] + 1]++;
                var map = new int[categories + 1];
                var labels = new List<string>();
                for (var c = 0; c < categories; c++)
                {
                    map[c + 1] = used[c + 1] > 0 ? labels.Count : -1;
                    if (used[c + 1] > 0) labels.Add(categorical.Categories[c]);
                }
                var missingGroup = -1;
                if (used[0] > 0) { missingGroup = labels.Count; map[0] = missingGroup; labels.Add(MissingLabel); }
                for (var i = 0; i < n; i++) codes[i] = map[categorical.Codes[sourceRows is null ? i : sourceRows[i]] + 1];
                return new SliceColumnGroups(column.Name, false, [.. labels], codes, missingGroup, null);
            }
            default:
                throw new ArgumentException($"column '{column.Name}' is a {column.Type} column; slices need a numeric or categorical column", nameof(column));
        }
    }
}
