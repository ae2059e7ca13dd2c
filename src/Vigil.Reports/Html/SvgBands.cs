using System.Text;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>
/// A chunk-over-time SVG chart for estimates: a shaded band (e.g. ± 3 standard errors), the estimate as a solid
/// line, the realised value as a dashed line, horizontal alert thresholds, and a red ring on every alerted chunk.
/// X positions are chunk indices labelled with chunk keys; NaN points are left out. Size O(chunks).
/// </summary>
public static class SvgBands
{
    private const int W = 640, H = 280, L = 50, R = 14, T = 14, B = 56;

    /// <summary>One chunk's values.</summary>
    /// <param name="Key">Chunk label on the x axis.</param>
    /// <param name="Estimated">Estimate (NaN = none).</param>
    /// <param name="Lower">Band lower edge (NaN = none).</param>
    /// <param name="Upper">Band upper edge (NaN = none).</param>
    /// <param name="Realized">Realised value (NaN = none).</param>
    /// <param name="Alert">Whether the chunk raised an alert.</param>
    public sealed record Point(string Key, double Estimated, double Lower, double Upper, double Realized, bool Alert);

    /// <summary>Renders the chart; <paramref name="thresholdLower"/> / <paramref name="thresholdUpper"/> may be NaN (not drawn).</summary>
    public static string Render(IReadOnlyList<Point> points, string yLabel, double thresholdLower, double thresholdUpper)
    {
        ArgumentNullException.ThrowIfNull(points);
        var yMin = double.PositiveInfinity;
        var yMax = double.NegativeInfinity;
        foreach (var p in points)
            foreach (var v in new[] { p.Estimated, p.Lower, p.Upper, p.Realized })
                if (double.IsFinite(v)) { yMin = Math.Min(yMin, v); yMax = Math.Max(yMax, v); }
        foreach (var v in new[] { thresholdLower, thresholdUpper })
            if (double.IsFinite(v)) { yMin = Math.Min(yMin, v); yMax = Math.Max(yMax, v); }
        if (!double.IsFinite(yMin)) { yMin = 0; yMax = 1; }
        var pad = Math.Max(0.01, (yMax - yMin) * 0.08);
        yMin -= pad;
        yMax += pad;
        var n = points.Count;
        double X(int i) => n <= 1 ? (L + W - R) / 2.0 : L + i * (W - L - R) / (double)(n - 1);
        double Y(double v) => H - B - (v - yMin) / (yMax - yMin) * (H - T - B);

        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\">");
        for (var g = 0; g <= 4; g++)
        {
            var yv = yMin + (yMax - yMin) * g / 4;
            sb.Append($"<line class=\"grid\" x1=\"{L}\" x2=\"{W - R}\" y1=\"{F(Y(yv))}\" y2=\"{F(Y(yv))}\"/><text x=\"{L - 4}\" y=\"{F(Y(yv) + 4)}\" text-anchor=\"end\">{E(N(yv, "0.###"))}</text>");
        }
        sb.Append($"<line class=\"axis\" x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\"/><line class=\"axis\" x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\"/>");
        sb.Append($"<text x=\"12\" y=\"{(T + H - B) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {(T + H - B) / 2})\">{E(yLabel)}</text>");
        var step = Math.Max(1, (n + 11) / 12);
        for (var i = 0; i < n; i += step)
            sb.Append($"<text x=\"{F(X(i))}\" y=\"{H - B + 14}\" text-anchor=\"end\" transform=\"rotate(-30 {F(X(i))} {H - B + 14})\">{E(Short(points[i].Key))}</text>");

        // Band: upper edge left to right, lower edge back; a gap (NaN) splits it into separate polygons.
        var run = new List<int>();
        void FlushBand()
        {
            if (run.Count == 0) return;
            var poly = new StringBuilder();
            foreach (var i in run) poly.Append(F(X(i))).Append(',').Append(F(Y(points[i].Upper))).Append(' ');
            for (var k = run.Count - 1; k >= 0; k--) poly.Append(F(X(run[k]))).Append(',').Append(F(Y(points[run[k]].Lower))).Append(' ');
            sb.Append($"<polygon points=\"{poly}\" fill=\"{Svg.Palette[0]}\" fill-opacity=\"0.15\" stroke=\"none\"><title>± 3 standard errors</title></polygon>");
            run.Clear();
        }
        for (var i = 0; i < n; i++)
        {
            if (double.IsFinite(points[i].Lower) && double.IsFinite(points[i].Upper)) run.Add(i);
            else FlushBand();
        }
        FlushBand();

        foreach (var (v, name) in new[] { (thresholdLower, "lower threshold"), (thresholdUpper, "upper threshold") })
            if (double.IsFinite(v))
                sb.Append($"<line x1=\"{L}\" x2=\"{W - R}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\" stroke=\"{Svg.Palette[5]}\" stroke-dasharray=\"2 3\"><title>{E(name)} {E(N(v))}</title></line>");

        Line(sb, points, p => p.Estimated, Svg.Palette[0], dashed: false, "estimated", X, Y);
        Line(sb, points, p => p.Realized, Svg.Palette[1], dashed: true, "realized", X, Y);
        for (var i = 0; i < n; i++)
        {
            var p = points[i];
            if (!double.IsFinite(p.Estimated)) continue;
            var title = $"{p.Key}: estimated {N(p.Estimated)} [{N(p.Lower)}, {N(p.Upper)}], realized {N(p.Realized)}{(p.Alert ? " — ALERT" : "")}";
            sb.Append(p.Alert
                ? $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(p.Estimated))}\" r=\"6\" fill=\"none\" stroke=\"{Svg.Palette[5]}\" stroke-width=\"2.5\" class=\"alert\"><title>{E(title)}</title></circle>"
                : $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(p.Estimated))}\" r=\"3\" fill=\"{Svg.Palette[0]}\"><title>{E(title)}</title></circle>");
        }
        sb.Append("</svg>");
        sb.Append("<div class=\"legend muted\">")
            .Append($"<span style=\"background:{Svg.Palette[0]}\"></span>estimated (band ± 3 SE)")
            .Append($"<span style=\"background:{Svg.Palette[1]}\"></span>realized")
            .Append($"<span style=\"background:{Svg.Palette[5]}\"></span>thresholds · ringed = alert")
            .Append("</div>");
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, IReadOnlyList<Point> points, Func<Point, double> value, string colour, bool dashed, string name,
        Func<int, double> x, Func<double, double> y)
    {
        var pts = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var v = value(points[i]);
            if (double.IsFinite(v)) pts.Append(F(x(i))).Append(',').Append(F(y(v))).Append(' ');
        }
        if (pts.Length == 0) return;
        sb.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")} points=\"{pts}\"><title>{E(name)}</title></polyline>");
    }

    private static string Short(string s) => s.Length > 16 ? s[..15] + "…" : s;
}
