using System.Text;

namespace Vigil.IO.Csv;

/// <summary>Decides whether field text is a missing-value token (case-insensitive, ASCII).</summary>
internal sealed class MissingTokens
{
    private readonly byte[][] _tokens;
    private readonly int _maxLength;

    public MissingTokens(IReadOnlyList<string> tokens)
    {
        _tokens = new byte[tokens.Count][];
        for (var i = 0; i < tokens.Count; i++)
        {
            _tokens[i] = Encoding.UTF8.GetBytes(tokens[i]);
            _maxLength = Math.Max(_maxLength, _tokens[i].Length);
        }
    }

    /// <summary>True when <paramref name="s"/> is empty or equals a token ignoring ASCII case.</summary>
    public bool IsMissing(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0) return true;
        if (s.Length > _maxLength) return false;
        foreach (var t in _tokens)
            if (t.Length == s.Length && Ascii.EqualsIgnoreCase(t, s)) return true;
        return false;
    }
}
