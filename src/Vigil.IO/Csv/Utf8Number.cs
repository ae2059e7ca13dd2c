using System.Buffers.Text;
using System.Globalization;

namespace Vigil.IO.Csv;

/// <summary>
/// Parses decimal numbers from UTF-8 bytes. Plain decimals with at most 19 significant digits and a
/// power of ten within ±22 take Clinger's exact fast path (mantissa ≤ 2^53 times or divided by an exactly
/// representable power of ten gives the correctly rounded double); everything else falls back to the BCL
/// parser, so results always equal <see cref="double.Parse(string, IFormatProvider)"/>.
/// </summary>
internal static class Utf8Number
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses the whole span as a number; false when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        var i = 0;
        var negative = false;
        if (s.Length == 0) { value = 0; return false; }
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var anyDigit = false;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            anyDigit = true;
            if (digits < 19) { mantissa = mantissa * 10 + (uint)(s[i] - '0'); if (mantissa != 0) digits++; }
            else exponent++;
            i++;
        }
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                anyDigit = true;
                if (digits < 19) { mantissa = mantissa * 10 + (uint)(s[i] - '0'); if (mantissa != 0) digits++; exponent--; }
                i++;
            }
        }
        if (!anyDigit) return Fallback(s, out value);
        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            var expNegative = false;
            if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+')) { expNegative = s[i] == (byte)'-'; i++; }
            var expDigits = 0;
            var e = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (e < 100000) e = e * 10 + (s[i] - '0');
                expDigits++;
                i++;
            }
            if (expDigits == 0) { value = 0; return false; }
            exponent += expNegative ? -e : e;
        }
        if (i != s.Length) return Fallback(s, out value);
        if (digits >= 19 || mantissa > (1UL << 53) || exponent < -22 || exponent > 22)
            return Fallback(s, out value);
        double v = mantissa;
        v = exponent >= 0 ? v * PowersOfTen[exponent] : v / PowersOfTen[-exponent];
        value = negative ? -v : v;
        return true;
    }

    private static bool Fallback(ReadOnlySpan<byte> s, out double value)
    {
        if (Utf8Parser.TryParse(s, out value, out var consumed, 'E') && consumed == s.Length) return true;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
