using System.Text;
using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Server.Ingest;

/// <summary>
/// A model's feature schema prepared for parsing: each feature name as UTF-8 (compared against the JSON
/// property without decoding it) and a name→index map for features sent out of schema order. Immutable; shared
/// by all requests for the model.
/// </summary>
internal sealed class IngestSchema
{
    private readonly byte[][] _utf8Names;
    private readonly Dictionary<string, int> _byName;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public IngestSchema(ModelRecord model, FeatureSchema schema)
    {
        Model = model;
        Schema = schema;
        int n = schema.Fields.Count;
        _utf8Names = new byte[n][];
        Kinds = new FeatureKind[n];
        _byName = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int f = 0; f < n; f++)
        {
            _utf8Names[f] = Encoding.UTF8.GetBytes(schema.Fields[f].Name);
            Kinds[f] = schema.Fields[f].Kind;
            _byName[schema.Fields[f].Name] = f;
        }
        _byChars = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ModelRecord Model { get; }

    public FeatureSchema Schema { get; }

    public FeatureKind[] Kinds { get; }

    public int Count => Kinds.Length;

    /// <summary>
    /// Index of the feature named by the reader's current property name, or -1. Tries <paramref name="expected"/>
    /// first (clients send features in schema order, so this is one byte comparison per feature).
    /// </summary>
    public int Find(ref Utf8JsonReader reader, int expected)
    {
        if ((uint)expected < (uint)_utf8Names.Length && reader.ValueTextEquals(_utf8Names[expected])) return expected;
        int byteLength = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (byteLength <= 512)
        {
            Span<char> chars = stackalloc char[byteLength];
            int written = reader.CopyString(chars);
            return _byChars.TryGetValue(chars[..written], out int f) ? f : -1;
        }
        return _byName.TryGetValue(reader.GetString()!, out int g) ? g : -1;
    }
}
