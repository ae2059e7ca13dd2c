using System.Globalization;

namespace Vigil.Core.Data;

/// <summary>A column of doubles; NaN marks a missing value.</summary>
public sealed class NumericColumn : Column
{
    /// <summary>Wraps <paramref name="values"/> (not copied).</summary>
    public NumericColumn(string name, double[] values) : base(name, ColumnType.Numeric)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    /// <summary>The raw values; NaN = missing.</summary>
    public double[] Values { get; }

    /// <inheritdoc />
    public override int Length => Values.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    /// <inheritdoc />
    public override string? GetText(int row) =>
        double.IsNaN(Values[row]) ? null : Values[row].ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var v = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) v[i] = Values[rows[i]];
        return new NumericColumn(Name, v);
    }
}
