using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vigil.Models;

/// <summary>One training or scoring row as ML.NET sees it; the vector size of <see cref="Features"/> is set at run time.</summary>
internal sealed class FeatureRow
{
    /// <summary>The encoded features.</summary>
    public float[] Features { get; set; } = [];

    /// <summary>Binary label (classification).</summary>
    public bool Label { get; set; }

    /// <summary>Numeric target (regression).</summary>
    public float Target { get; set; }
}

/// <summary>A row with only the encoded features (the ONNX export's input schema).</summary>
internal sealed class FeatureVector
{
    /// <summary>The encoded features.</summary>
    public float[] Features { get; set; } = [];
}

/// <summary>Builds ML.NET data views over a row-major float matrix with a schema whose feature vector has a known size.</summary>
internal static class MlData
{
    public const string Features = nameof(FeatureRow.Features);
    public const string Label = nameof(FeatureRow.Label);
    public const string Target = nameof(FeatureRow.Target);

    /// <summary>
    /// A view over <paramref name="rows"/> of <paramref name="matrix"/> (width <paramref name="width"/>), with labels and
    /// targets taken from the same row positions when given.
    /// </summary>
    public static IDataView ToDataView(MLContext context, float[] matrix, int width, ReadOnlySpan<int> rows, bool[]? labels = null, double[]? targets = null)
    {
        var list = new FeatureRow[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            list[i] = new FeatureRow
            {
                Features = matrix.AsSpan(r * width, width).ToArray(),
                Label = labels is not null && labels[r],
                Target = targets is null ? 0f : (float)targets[r],
            };
        }
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(width, 1));
        return context.Data.LoadFromEnumerable(list, schema);
    }

    /// <summary>An empty view whose only column is the feature vector of <paramref name="width"/>: the input schema of an ONNX export.</summary>
    public static IDataView FeaturesOnly(MLContext context, int width)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureVector));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(width, 1));
        return context.Data.LoadFromEnumerable(Array.Empty<FeatureVector>(), schema);
    }

    /// <summary>0, 1, …, n − 1.</summary>
    public static int[] AllRows(int n)
    {
        var rows = new int[n];
        for (var i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    /// <summary>The float column <paramref name="name"/> of a scored view, as doubles.</summary>
    public static double[] ReadColumn(IDataView scored, string name)
    {
        var values = new List<double>();
        foreach (var v in scored.GetColumn<float>(name)) values.Add(v);
        return values.ToArray();
    }
}
