namespace Vigil.Core.Data;

/// <summary>
/// A dictionary-encoded column of labels: <see cref="Codes"/> index into <see cref="Categories"/>,
/// −1 marks a missing value. Used for categorical, boolean and text columns (see <see cref="Column.Type"/>).
/// </summary>
public sealed class CategoricalColumn : Column
{
    /// <summary>Wraps codes and categories (not copied).</summary>
    public CategoricalColumn(string name, int[] codes, string[] categories, ColumnType type = ColumnType.Categorical)
        : base(name, type)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(categories);
        if (type is ColumnType.Numeric or ColumnType.Timestamp)
            throw new ArgumentException("A categorical column holds categorical, boolean or text data.", nameof(type));
        Codes = codes;
        Categories = categories;
    }

    /// <summary>Per-row index into <see cref="Categories"/>; −1 = missing.</summary>
    public int[] Codes { get; }

    /// <summary>The distinct values in order of first appearance.</summary>
    public string[] Categories { get; }

    /// <inheritdoc />
    public override int Length => Codes.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => Codes[row] < 0;

    /// <inheritdoc />
    public override string? GetText(int row) => Codes[row] < 0 ? null : Categories[Codes[row]];

    /// <summary>Builds a column from strings (null = missing), dictionary-encoding them.</summary>
    public static CategoricalColumn FromStrings(string name, IReadOnlyList<string?> values, ColumnType type = ColumnType.Categorical)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var cats = new List<string>();
        var codes = new int[values.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var v = values[i];
            if (v is null) { codes[i] = -1; continue; }
            if (!map.TryGetValue(v, out var c))
            {
                c = cats.Count;
                map.Add(v, c);
                cats.Add(v);
            }
            codes[i] = c;
        }
        return new CategoricalColumn(name, codes, cats.ToArray(), type);
    }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var c = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) c[i] = Codes[rows[i]];
        return new CategoricalColumn(Name, c, Categories, Type);
    }
}
