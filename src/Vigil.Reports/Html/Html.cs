using System.Globalization;
using System.Net;

namespace Vigil.Reports.Html;

/// <summary>Escaping and number formatting for HTML output. Every piece of user text goes through <see cref="E"/>.</summary>
public static class Html
{
    /// <summary>HTML-escapes text (including quotes, so it is safe inside attributes).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number with up to 4 significant decimals, or an em dash for NaN.</summary>
    public static string N(double v, string format = "0.####") =>
        double.IsNaN(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators.</summary>
    public static string Count(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A number for SVG coordinates.</summary>
    internal static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
