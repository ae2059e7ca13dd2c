using System.Globalization;

namespace Vigil.IO.Csv;

/// <summary>Recognisers for booleans and ISO-8601 timestamps in field text.</summary>
internal static class ValueKinds
{
    /// <summary>true/false in any letter case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (s.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>
    /// ISO-8601 date or date-time: <c>yyyy-MM-dd</c>, then optionally <c>T</c> or a space and
    /// <c>HH:mm[:ss[.fffffff]]</c>, then optionally <c>Z</c> or an offset. No zone means UTC (CONTRACTS).
    /// Returns UTC ticks.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-' || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[9]))
            return false;
        if (s.Length > 10 && s[10] != 'T' && s[10] != ' ') return false;
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto))
            return false;
        ticks = dto.UtcTicks;
        return true;
    }
}
