using Vigil.Core.Data;

namespace Vigil.IO;

/// <summary>How to read a data file. Defaults suit ordinary CSV exports.</summary>
public sealed record ReadOptions
{
    /// <summary>The default missing-value tokens (compared case-insensitively; the empty field is always missing).</summary>
    public static readonly IReadOnlyList<string> DefaultMissingTokens = ["", "NA", "N/A", "NaN", "null", "None"];

    /// <summary>The field delimiter; null = detect from the header among <c>,</c> <c>;</c> and tab.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Tokens read as missing values.</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;

    /// <summary>Types forced for named columns, overriding inference.</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>Read only these columns (null = all). Unknown names are an error naming the columns that exist.</summary>
    public IReadOnlyCollection<string>? Columns { get; init; }

    /// <summary>Rows sampled from the start of the file to infer column types.</summary>
    public int InferenceRows { get; init; } = 2000;

    /// <summary>
    /// A categorical column becomes <see cref="ColumnType.Text"/> when it has more than this many distinct
    /// values and they make up over half of its non-missing rows.
    /// </summary>
    public int TextMinDistinct { get; init; } = 1000;

    /// <summary>Use several threads when the file allows it (no quoted fields).</summary>
    public bool Parallel { get; init; } = true;
}
