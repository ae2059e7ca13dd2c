using System.Globalization;
using Vigil.Core.Data;
using Vigil.Storage;

namespace Vigil.Monitoring.Tests.Support;

/// <summary>Builds stored-row shapes (<see cref="PredictionRows"/>, <see cref="PredictionBatch"/>) from real data frames.</summary>
public static class Rows
{
    public static PredictionBatch Batch(FeatureSchema schema, DataFrame frame, int[] rows, string idColumn, string timestampColumn,
        string? scoreColumn = null, string? predictionColumn = null)
    {
        var batch = new PredictionBatch(schema, rows.Length) { Count = rows.Length };
        var ts = (TimestampColumn)frame[timestampColumn];
        for (var k = 0; k < rows.Length; k++)
        {
            var r = rows[k];
            batch.Ids[k] = frame[idColumn].GetText(r)!;
            batch.Timestamps[k] = ts.GetTime(r)!.Value;
            batch.Scores[k] = scoreColumn is null ? double.NaN : ((NumericColumn)frame[scoreColumn]).Values[r];
            batch.Predictions[k] = predictionColumn is null ? null : frame[predictionColumn].GetText(r);
        }
        for (var f = 0; f < schema.Fields.Count; f++)
        {
            var column = frame[schema.Fields[f].Name];
            for (var k = 0; k < rows.Length; k++)
            {
                if (schema.Fields[f].Kind == FeatureKind.Numeric) batch.Numeric[f]![k] = ((NumericColumn)column).Values[rows[k]];
                else batch.Categorical[f]![k] = column.GetText(rows[k]);
            }
        }
        return batch;
    }

    /// <summary>Rows of a window with labels looked up by id (null = not labelled).</summary>
    public static PredictionRows Window(FeatureSchema schema, DataFrame frame, int[] rows, string idColumn, string timestampColumn,
        string? scoreColumn, string? predictionColumn, IReadOnlyDictionary<string, string>? labels)
    {
        var batch = Batch(schema, frame, rows, idColumn, timestampColumn, scoreColumn, predictionColumn);
        var result = new PredictionRows(schema, rows.Length);
        Copy(batch, result.Batch, rows.Length, schema);
        for (var k = 0; k < rows.Length; k++)
            result.Labels[k] = labels is not null && labels.TryGetValue(batch.Ids[k], out var l) ? l : null;
        return result;
    }

    public static void Copy(PredictionBatch from, PredictionBatch to, int n, FeatureSchema schema)
    {
        Array.Copy(from.Ids, to.Ids, n);
        Array.Copy(from.Timestamps, to.Timestamps, n);
        Array.Copy(from.Versions, to.Versions, n);
        Array.Copy(from.Predictions, to.Predictions, n);
        Array.Copy(from.Scores, to.Scores, n);
        Array.Copy(from.ScoresJson, to.ScoresJson, n);
        for (var f = 0; f < schema.Fields.Count; f++)
        {
            if (from.Numeric[f] is { } a) Array.Copy(a, to.Numeric[f]!, n);
            if (from.Categorical[f] is { } c) Array.Copy(c, to.Categorical[f]!, n);
        }
    }

    /// <summary>Row indexes of the frame whose timestamp lies in [start, end).</summary>
    public static int[] Between(DataFrame frame, string timestampColumn, DateTime start, DateTime end)
    {
        var ts = (TimestampColumn)frame[timestampColumn];
        var list = new List<int>();
        for (var i = 0; i < frame.RowCount; i++)
        {
            var t = ts.GetTime(i)!.Value;
            if (t >= start && t < end) list.Add(i);
        }
        return [.. list];
    }

    public static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
