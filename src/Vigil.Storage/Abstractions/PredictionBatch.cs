namespace Vigil.Storage;

/// <summary>
/// A columnar batch of validated prediction events for one model, laid out in the model's
/// <see cref="FeatureSchema"/> order. Built by ingest after validation; stores append it as is.
/// </summary>
public sealed class PredictionBatch
{
    /// <summary>Creates an empty batch with room for <paramref name="capacity"/> events.</summary>
    public PredictionBatch(FeatureSchema schema, int capacity)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Ids = new string[capacity];
        Timestamps = new DateTime[capacity];
        Versions = new string?[capacity];
        Predictions = new string?[capacity];
        Scores = new double[capacity];
        ScoresJson = new string?[capacity];
        Numeric = new double[schema.Fields.Count][];
        Categorical = new string?[schema.Fields.Count][];
        for (int f = 0; f < schema.Fields.Count; f++)
        {
            if (schema.Fields[f].Kind == FeatureKind.Numeric) Numeric[f] = new double[capacity];
            else Categorical[f] = new string?[capacity];
        }
    }

    /// <summary>The schema the feature arrays follow.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Number of events filled in (a prefix of every array).</summary>
    public int Count { get; set; }

    /// <summary>Event ids (unique per model).</summary>
    public string[] Ids { get; }

    /// <summary>Event times, UTC.</summary>
    public DateTime[] Timestamps { get; }

    /// <summary>Model version that produced the event, or null.</summary>
    public string?[] Versions { get; }

    /// <summary>The prediction as text (class label, or the number for regression, invariant culture), or null.</summary>
    public string?[] Predictions { get; }

    /// <summary>Binary: positive-class score; NaN when absent or multiclass.</summary>
    public double[] Scores { get; }

    /// <summary>Multiclass: the scores object as JSON <c>{label: probability}</c>; null otherwise.</summary>
    public string?[] ScoresJson { get; }

    /// <summary>Per feature (schema order): the values when numeric, else null.</summary>
    public double[]?[] Numeric { get; }

    /// <summary>Per feature (schema order): the values when categorical, else null.</summary>
    public string?[]?[] Categorical { get; }
}

/// <summary>What an append did.</summary>
/// <param name="Inserted">Events newly stored.</param>
/// <param name="DuplicateIndexes">Batch indexes whose id was already stored (or repeated earlier in the batch): not written.</param>
public sealed record AppendResult(int Inserted, IReadOnlyList<int> DuplicateIndexes);

/// <summary>What a label append did.</summary>
/// <param name="Stored">Labels written (a label for an id already labelled replaces it).</param>
/// <param name="Matched">Labels whose prediction event is already stored.</param>
/// <param name="Pending">Labels stored ahead of their prediction event (joined when it arrives).</param>
/// <param name="AffectedEventTimes">Event times of matched predictions, so their windows can be recomputed.</param>
public sealed record LabelAppendResult(int Stored, int Matched, int Pending, IReadOnlyList<DateTime> AffectedEventTimes);

/// <summary>
/// The stored events of one model in a time range, columnar, with labels joined (null when none yet).
/// </summary>
public sealed class PredictionRows
{
    /// <summary>Creates the rows; all arrays have <paramref name="count"/> entries.</summary>
    public PredictionRows(FeatureSchema schema, int count)
    {
        var b = new PredictionBatch(schema, count) { Count = count };
        Batch = b;
        Labels = new string?[count];
    }

    /// <summary>The events (ids, times, versions, predictions, scores, features).</summary>
    public PredictionBatch Batch { get; }

    /// <summary>The joined label per event, or null.</summary>
    public string?[] Labels { get; }

    /// <summary>Number of events.</summary>
    public int Count => Batch.Count;
}
