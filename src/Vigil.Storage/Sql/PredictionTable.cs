namespace Vigil.Storage.Sql;

/// <summary>
/// A model's prediction table as stored: its generated name (<c>p_N</c>) and its features in column order, each in a
/// generated column <c>f_i</c> (feature names are user text and never reach SQL). Immutable; widening makes a new one.
/// Physical column order: id, ts, version, prediction, score, scores_json, f_0 … f_(k-1).
/// </summary>
internal sealed class PredictionTable
{
    /// <summary>Number of fixed columns before the features.</summary>
    public const int FixedColumns = 6;

    public PredictionTable(string model, string tableName, IReadOnlyList<FeatureField> fields)
    {
        Model = model;
        TableName = tableName;
        Fields = fields;
        Schema = new FeatureSchema(fields);
        ByName = new Dictionary<string, int>(fields.Count, StringComparer.Ordinal);
        for (int i = 0; i < fields.Count; i++) ByName[fields[i].Name] = i;
    }

    public string Model { get; }
    public string TableName { get; }
    public IReadOnlyList<FeatureField> Fields { get; }
    public FeatureSchema Schema { get; }
    public Dictionary<string, int> ByName { get; }

    /// <summary>Quoted table name (generated, never user text).</summary>
    public string Quoted => "\"" + TableName + "\"";

    /// <summary>Generated column name of feature <paramref name="ordinal"/>.</summary>
    public static string Column(int ordinal) => "f_" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The full column list in physical order.</summary>
    public string ColumnList()
    {
        var sb = new System.Text.StringBuilder("id, ts, version, prediction, score, scores_json");
        for (int i = 0; i < Fields.Count; i++) sb.Append(", ").Append(Column(i));
        return sb.ToString();
    }

    /// <summary>For each stored feature, the index of the same-named field in <paramref name="schema"/>, or -1.</summary>
    public int[] MapFrom(FeatureSchema schema)
    {
        var map = new int[Fields.Count];
        Array.Fill(map, -1);
        for (int b = 0; b < schema.Fields.Count; b++)
            if (ByName.TryGetValue(schema.Fields[b].Name, out var j)) map[j] = b;
        return map;
    }
}
