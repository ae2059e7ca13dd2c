using System.Text;
using System.Text.Json;

namespace Vigil.Server.Ingest;

/// <summary>
/// Turns repeated short UTF-8 values (category levels, class labels) into one shared string each, so a batch of
/// 10,000 events with a handful of categories allocates a handful of strings. Open addressing over a
/// power-of-two table keyed by the raw bytes; once <see cref="MaxEntries"/> distinct values are held, further new
/// values are returned as fresh strings (memory stays bounded for high-cardinality columns). Not thread-safe:
/// one per request (pooled with its batch).
/// </summary>
internal sealed class Utf8StringInterner
{
    internal const int MaxEntries = 256;
    private const int MaxValueBytes = 64;
    private readonly byte[]?[] _keys = new byte[MaxEntries * 2][];
    private readonly string?[] _values = new string?[MaxEntries * 2];
    private int _count;

    /// <summary>The current token's text (string value unescaped, or a number's raw token).</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxValueBytes)
            return reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawText(ref reader);
        return Get(reader.ValueSpan);
    }

    /// <summary>The string for these UTF-8 bytes, shared when seen before.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        int mask = _keys.Length - 1;
        int slot = Hash(utf8) & mask;
        while (true)
        {
            var key = _keys[slot];
            if (key is null) break;
            if (utf8.SequenceEqual(key)) return _values[slot]!;
            slot = (slot + 1) & mask;
        }
        string value = Encoding.UTF8.GetString(utf8);
        if (_count < MaxEntries)
        {
            _keys[slot] = utf8.ToArray();
            _values[slot] = value;
            _count++;
        }
        return value;
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        uint h = 2166136261;
        for (int i = 0; i < utf8.Length; i++) h = (h ^ utf8[i]) * 16777619;
        return (int)(h ^ (h >> 15));
    }
}
