namespace Vigil.Core.Data;

/// <summary>The logical type of a column, inferred from data or set explicitly.</summary>
public enum ColumnType
{
    /// <summary>Floating-point numbers; missing values are NaN.</summary>
    Numeric,
    /// <summary>A small set of labels, dictionary-encoded.</summary>
    Categorical,
    /// <summary>true/false style values, dictionary-encoded keeping the original text.</summary>
    Boolean,
    /// <summary>Instants in UTC (ISO-8601 in files).</summary>
    Timestamp,
    /// <summary>Free text (many distinct values), dictionary-encoded.</summary>
    Text,
}
