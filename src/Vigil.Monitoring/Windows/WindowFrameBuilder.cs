using Vigil.Core.Data;
using Vigil.Storage;

namespace Vigil.Monitoring.Windows;

/// <summary>
/// Turns the stored rows of a window into a <see cref="DataFrame"/> of its features in schema order, so the Core
/// engines (quality checks, profiles, DLE loss models) see the same column kinds as in the reference: numeric
/// features become <see cref="NumericColumn"/>s (arrays shared, not copied), categorical ones are dictionary-encoded
/// with the reference column's type (categorical, boolean or text). Cost O(rows × categorical features).
/// </summary>
public static class WindowFrameBuilder
{
    /// <summary>The feature frame; <paramref name="referenceTypes"/> gives the column type per categorical feature (default categorical).</summary>
    public static DataFrame Build(PredictionRows rows, IReadOnlyDictionary<string, ColumnType>? referenceTypes = null, string source = "window")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var batch = rows.Batch;
        var n = rows.Count;
        var fields = batch.Schema.Fields;
        var columns = new List<Column>(fields.Count);
        for (var f = 0; f < fields.Count; f++)
        {
            var name = fields[f].Name;
            if (fields[f].Kind == FeatureKind.Numeric)
            {
                var values = batch.Numeric[f]!;
                columns.Add(new NumericColumn(name, values.Length == n ? values : values[..n]));
            }
            else
            {
                var type = referenceTypes is not null && referenceTypes.TryGetValue(name, out var t) && t is ColumnType.Boolean or ColumnType.Text ? t : ColumnType.Categorical;
                var values = batch.Categorical[f]!;
                columns.Add(CategoricalColumn.FromStrings(name, values.Length == n ? values : values[..n], type));
            }
        }
        return new DataFrame(columns, source, sourceLines: columns.Count == 0 ? new int[n] : null);
    }
}
