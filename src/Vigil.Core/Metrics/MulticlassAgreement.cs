namespace Vigil.Core.Metrics;

/// <summary>Agreement statistics shared by the binary and multiclass metrics, computed from a K × K confusion matrix.</summary>
internal static class MulticlassAgreement
{
    /// <summary>
    /// Matthews correlation for K classes (Gorodkin 2004): (c·s − Σₖ tₖpₖ) / √((s² − Σₖ pₖ²)(s² − Σₖ tₖ²)),
    /// with tₖ the true (row) totals, pₖ the predicted (column) totals, c the trace and s the total.
    /// </summary>
    public static MetricValue Matthews(ReadOnlySpan<double> matrix, int k)
    {
        double trace = 0, total = 0, tp = 0, tt = 0, pp = 0;
        for (var a = 0; a < k; a++)
        {
            double row = 0, column = 0;
            for (var b = 0; b < k; b++) { row += matrix[a * k + b]; column += matrix[b * k + a]; }
            trace += matrix[a * k + a];
            total += row;
            tp += row * column;
            tt += row * row;
            pp += column * column;
        }
        if (total <= 0) return MetricValue.Undefined(MetricWeights.NoRows);
        var covariance = trace * total - tp;
        var denominator = (total * total - pp) * (total * total - tt);
        return denominator > 0
            ? MetricValue.Of(covariance / Math.Sqrt(denominator))
            : MetricValue.Undefined("labels or predictions hold one class only");
    }

    /// <summary>Cohen's kappa: 1 − Σ_{a≠b} observed / Σ_{a≠b} expected, expected = outer(predicted totals, true totals) / total.</summary>
    public static MetricValue Kappa(ReadOnlySpan<double> matrix, int k)
    {
        Span<double> rows = k <= 64 ? stackalloc double[k] : new double[k];
        Span<double> columns = k <= 64 ? stackalloc double[k] : new double[k];
        double total = 0;
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                var v = matrix[a * k + b];
                rows[a] += v;
                columns[b] += v;
                total += v;
            }
        if (total <= 0) return MetricValue.Undefined(MetricWeights.NoRows);
        double observed = 0, expected = 0;
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                if (a == b) continue;
                observed += matrix[a * k + b];
                expected += columns[a] * rows[b] / total;
            }
        return expected > 0 ? MetricValue.Of(1 - observed / expected) : MetricValue.Undefined("chance agreement is 1");
    }
}
