using System.Text;

namespace Vigil.IO.Csv;

/// <summary>
/// Dictionary-encodes UTF-8 byte strings without decoding them: an open-addressing hash table over the raw bytes,
/// so a repeated category costs one hash and one byte comparison. Keys are decoded to strings once, at the end.
/// </summary>
internal sealed class Utf8Interner
{
    private int[] _buckets = NewBuckets(64);
    private int[] _offsets = new int[32];
    private int[] _lengths = new int[32];
    private int[] _hashes = new int[32];
    private byte[] _keys = new byte[1024];
    private int _used;

    /// <summary>Number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>The code of <paramref name="key"/>, adding it when new (<paramref name="added"/> tells).</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        var hash = Hash(key);
        var mask = _buckets.Length - 1;
        var b = hash & mask;
        while (true)
        {
            var code = _buckets[b];
            if (code < 0) break;
            if (_hashes[code] == hash && key.SequenceEqual(_keys.AsSpan(_offsets[code], _lengths[code])))
            {
                added = false;
                return code;
            }
            b = (b + 1) & mask;
        }
        added = true;
        var c = Count++;
        if (c == _offsets.Length)
        {
            Array.Resize(ref _offsets, c * 2);
            Array.Resize(ref _lengths, c * 2);
            Array.Resize(ref _hashes, c * 2);
        }
        if (_used + key.Length > _keys.Length) Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _used + key.Length));
        key.CopyTo(_keys.AsSpan(_used));
        _offsets[c] = _used;
        _lengths[c] = key.Length;
        _hashes[c] = hash;
        _used += key.Length;
        _buckets[b] = c;
        if (Count * 2 > _buckets.Length) Rehash();
        return c;
    }

    /// <summary>The text of code <paramref name="code"/>.</summary>
    public string KeyString(int code) => Encoding.UTF8.GetString(_keys, _offsets[code], _lengths[code]);

    private void Rehash()
    {
        _buckets = NewBuckets(_buckets.Length * 2);
        var mask = _buckets.Length - 1;
        for (var c = 0; c < Count; c++)
        {
            var b = _hashes[c] & mask;
            while (_buckets[b] >= 0) b = (b + 1) & mask;
            _buckets[b] = c;
        }
    }

    private static int[] NewBuckets(int size)
    {
        var a = new int[size];
        Array.Fill(a, -1);
        return a;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = new HashCode();
        h.AddBytes(key);
        return h.ToHashCode() & int.MaxValue;
    }
}
