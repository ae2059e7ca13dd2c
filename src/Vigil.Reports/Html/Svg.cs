using System.Text;
using static Vigil.Reports.Html.Html;

namespace Vigil.Reports.Html;

/// <summary>
/// Small server-side SVG charts (no JavaScript, no CDN): line charts, overlaid histograms, heatmaps and scatter
/// points. Inputs are already aggregated (≤ a few thousand points), which keeps reports small for any data size.
/// Colours are the Okabe–Ito colour-blind-safe palette.
/// </summary>
public static class Svg
{
    /// <summary>The Okabe–Ito palette.</summary>
    public static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    private const int W = 370, H = 260, L = 56, R = 12, T = 12, B = 36;

    /// <summary>A line series.</summary>
    public sealed record Series(string Name, double[] X, double[] Y, bool Dashed = false);

    /// <summary>Line chart over explicit axis ranges.</summary>
    public static string Lines(IReadOnlyList<Series> series, string xLabel, string yLabel,
        double xMin = 0, double xMax = 1, double yMin = 0, double yMax = 1, bool diagonal = false)
    {
        var sb = Open(xLabel, yLabel, xMin, xMax, yMin, yMax);
        if (diagonal)
            sb.Append($"<line x1=\"{F(X(xMin, xMin, xMax))}\" y1=\"{F(Y(yMin, yMin, yMax))}\" x2=\"{F(X(xMax, xMin, xMax))}\" y2=\"{F(Y(yMax, yMin, yMax))}\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>");
        for (var s = 0; s < series.Count; s++)
        {
            var pts = new StringBuilder();
            for (var i = 0; i < series[s].X.Length; i++)
            {
                if (!double.IsFinite(series[s].X[i]) || !double.IsFinite(series[s].Y[i])) continue;
                pts.Append(F(X(series[s].X[i], xMin, xMax))).Append(',').Append(F(Y(series[s].Y[i], yMin, yMax))).Append(' ');
            }
            sb.Append($"<polyline fill=\"none\" stroke=\"{Palette[s % Palette.Length]}\" stroke-width=\"2\"{(series[s].Dashed ? " stroke-dasharray=\"5 3\"" : "")} points=\"{pts}\"><title>{E(series[s].Name)}</title></polyline>");
        }
        return Close(sb, series.Select(x => x.Name).ToArray());
    }

    /// <summary>Overlaid step histograms sharing <paramref name="edges"/>, each normalised to shares when <paramref name="normalise"/>.</summary>
    public static string Histograms(double[] edges, IReadOnlyList<(string Name, double[] Counts)> series, string xLabel, bool normalise = true)
    {
        var shares = series.Select(s =>
        {
            var total = s.Counts.Sum();
            return normalise && total > 0 ? s.Counts.Select(c => c / total).ToArray() : s.Counts;
        }).ToArray();
        var yMax = Math.Max(1e-12, shares.Max(a => a.Length == 0 ? 0 : a.Max())) * 1.05;
        var sb = Open(xLabel, normalise ? "share" : "count", edges[0], edges[^1], 0, yMax);
        for (var s = 0; s < series.Count; s++)
        {
            var c = Palette[s % Palette.Length];
            for (var i = 0; i < shares[s].Length; i++)
            {
                var x0 = X(edges[i], edges[0], edges[^1]);
                var x1 = X(edges[i + 1], edges[0], edges[^1]);
                var y = Y(shares[s][i], 0, yMax);
                sb.Append($"<rect x=\"{F(x0)}\" y=\"{F(y)}\" width=\"{F(Math.Max(0.5, x1 - x0))}\" height=\"{F(H - B - y)}\" fill=\"{c}\" fill-opacity=\"0.45\"><title>{E(series[s].Name)} [{N(edges[i])}, {N(edges[i + 1])}): {N(shares[s][i])}</title></rect>");
            }
        }
        return Close(sb, series.Select(x => x.Name).ToArray());
    }

    /// <summary>Grouped bars for categories, one colour per series.</summary>
    public static string Bars(IReadOnlyList<string> categories, IReadOnlyList<(string Name, double[] Values)> series, string yLabel, double? yMaxGiven = null)
    {
        var yMax = yMaxGiven ?? Math.Max(1e-12, series.Max(s => s.Values.Length == 0 ? 0 : s.Values.Where(double.IsFinite).DefaultIfEmpty(0).Max())) * 1.05;
        var sb = Open("", yLabel, 0, 1, 0, yMax, xTicks: false);
        var n = Math.Max(1, categories.Count);
        var slot = (W - L - R) / (double)n;
        var bw = slot * 0.8 / Math.Max(1, series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[c];
                if (!double.IsFinite(v)) continue;
                var x = L + c * slot + slot * 0.1 + s * bw;
                var y = Y(v, 0, yMax);
                sb.Append($"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(bw)}\" height=\"{F(H - B - y)}\" fill=\"{Palette[s % Palette.Length]}\"><title>{E(categories[c])} · {E(series[s].Name)}: {N(v)}</title></rect>");
            }
            if (categories.Count <= 24)
                sb.Append($"<text x=\"{F(L + (c + 0.5) * slot)}\" y=\"{H - B + 14}\" text-anchor=\"middle\">{E(Short(categories[c]))}</text>");
        }
        return Close(sb, series.Select(x => x.Name).ToArray());
    }

    /// <summary>A heatmap of values in [0, max] with row and column labels; <paramref name="cellTitle"/> gives each cell's tooltip.</summary>
    public static string Heatmap(IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[][] values, Func<int, int, string> cellTitle, bool showValues = true)
    {
        var max = values.SelectMany(v => v).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        if (max <= 0) max = 1;
        var cw = Math.Max(8, Math.Min(60, 600 / Math.Max(1, columns.Count)));
        var ch = Math.Max(12, Math.Min(40, 400 / Math.Max(1, rows.Count)));
        var left = 10 + 7 * Math.Min(24, rows.Max(r => r.Length));
        var top = 40;
        var width = left + cw * columns.Count + 10;
        var height = top + ch * rows.Count + 10;
        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\">");
        for (var c = 0; c < columns.Count; c++)
            if (columns.Count <= 40 || c % (columns.Count / 20 + 1) == 0)
                sb.Append($"<text x=\"{F(left + (c + 0.5) * cw)}\" y=\"{top - 6}\" text-anchor=\"start\" transform=\"rotate(-35 {F(left + (c + 0.5) * cw)} {top - 6})\">{E(Short(columns[c]))}</text>");
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append($"<text x=\"{left - 4}\" y=\"{F(top + (r + 0.5) * ch + 4)}\" text-anchor=\"end\">{E(Short(rows[r]))}</text>");
            for (var c = 0; c < columns.Count; c++)
            {
                var v = values[r][c];
                var t = double.IsFinite(v) ? Math.Clamp(v / max, 0, 1) : 0;
                var fill = double.IsFinite(v) ? Blend(t) : "#eeeeee";
                sb.Append($"<rect x=\"{left + c * cw}\" y=\"{top + r * ch}\" width=\"{cw - 1}\" height=\"{ch - 1}\" fill=\"{fill}\"><title>{E(cellTitle(r, c))}</title></rect>");
                if (showValues && cw >= 36 && ch >= 16 && double.IsFinite(v))
                    sb.Append($"<text x=\"{F(left + (c + 0.5) * cw)}\" y=\"{F(top + (r + 0.5) * ch + 4)}\" text-anchor=\"middle\" style=\"fill:{(t > 0.55 ? "#fff" : "#1d2330")}\">{E(N(v, "0.##"))}</text>");
            }
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Scatter points with an optional y = x line.</summary>
    public static string Points(double[] x, double[] y, string xLabel, string yLabel, bool identity = true)
    {
        double lo = Math.Min(x.DefaultIfEmpty(0).Min(), y.DefaultIfEmpty(0).Min()), hi = Math.Max(x.DefaultIfEmpty(1).Max(), y.DefaultIfEmpty(1).Max());
        if (hi <= lo) hi = lo + 1;
        var sb = Open(xLabel, yLabel, lo, hi, lo, hi);
        if (identity)
            sb.Append($"<line x1=\"{F(X(lo, lo, hi))}\" y1=\"{F(Y(lo, lo, hi))}\" x2=\"{F(X(hi, lo, hi))}\" y2=\"{F(Y(hi, lo, hi))}\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>");
        for (var i = 0; i < x.Length; i++)
            sb.Append($"<circle cx=\"{F(X(x[i], lo, hi))}\" cy=\"{F(Y(y[i], lo, hi))}\" r=\"3.5\" fill=\"{Palette[0]}\"><title>{N(x[i])}, {N(y[i])}</title></circle>");
        return Close(sb, []);
    }

    private static string Blend(double t)
    {
        // white → Okabe–Ito blue
        int r = (int)(255 + (0 - 255) * t), g = (int)(255 + (114 - 255) * t), b = (int)(255 + (178 - 255) * t);
        return $"#{r:X2}{g:X2}{b:X2}";
    }

    private static string Short(string s) => s.Length > 24 ? s[..23] + "…" : s;

    private static double X(double v, double lo, double hi) => L + (v - lo) / (hi - lo) * (W - L - R);

    private static double Y(double v, double lo, double hi) => H - B - (v - lo) / (hi - lo) * (H - T - B);

    private static StringBuilder Open(string xLabel, string yLabel, double xMin, double xMax, double yMin, double yMax, bool xTicks = true)
    {
        if (xMax <= xMin) xMax = xMin + 1;
        if (yMax <= yMin) yMax = yMin + 1;
        var sb = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\">");
        for (var i = 0; i <= 4; i++)
        {
            var yv = yMin + (yMax - yMin) * i / 4;
            var y = Y(yv, yMin, yMax);
            sb.Append($"<line class=\"grid\" x1=\"{L}\" x2=\"{W - R}\" y1=\"{F(y)}\" y2=\"{F(y)}\"/><text x=\"{L - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{E(N(yv, "0.###"))}</text>");
            if (xTicks)
            {
                var xv = xMin + (xMax - xMin) * i / 4;
                sb.Append($"<text x=\"{F(X(xv, xMin, xMax))}\" y=\"{H - B + 14}\" text-anchor=\"middle\">{E(N(xv, "0.###"))}</text>");
            }
        }
        sb.Append($"<line class=\"axis\" x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\"/><line class=\"axis\" x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\"/>");
        sb.Append($"<text x=\"{(L + W - R) / 2}\" y=\"{H - 4}\" text-anchor=\"middle\">{E(xLabel)}</text>");
        sb.Append($"<text x=\"11\" y=\"{(T + H - B) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 11 {(T + H - B) / 2})\">{E(yLabel)}</text>");
        return sb;
    }

    private static string Close(StringBuilder sb, string[] legend)
    {
        sb.Append("</svg>");
        if (legend.Length > 1 || (legend.Length == 1 && legend[0].Length > 0))
        {
            sb.Append("<div class=\"legend muted\">");
            for (var i = 0; i < legend.Length; i++)
                sb.Append($"<span style=\"background:{Palette[i % Palette.Length]}\"></span>{E(legend[i])}");
            sb.Append("</div>");
        }
        return sb.ToString();
    }
}
